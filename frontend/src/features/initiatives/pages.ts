export { InitiativesListPage } from './InitiativesListPage';
export { InitiativeDetailPage } from './InitiativeDetailPage';
export { InitiativeCreatePage, InitiativeEditPage } from './InitiativeEditPages';
