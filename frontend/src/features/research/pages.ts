export { ResearchSupportPage } from './ResearchSupportPage';
