from fastapi import APIRouter

router = APIRouter(prefix="/imports", tags=["integrations"])
exports = APIRouter(prefix="/exports", tags=["integrations"])
