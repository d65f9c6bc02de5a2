export { BudgetPage } from './BudgetPage';
export { PartnersPage } from './PartnersPage';
