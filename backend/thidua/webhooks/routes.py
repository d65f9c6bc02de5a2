from fastapi import APIRouter

router = APIRouter(prefix="/webhooks", tags=["integrations"])
