export { AssessmentsListPage } from './AssessmentsListPage';
export { AssessmentPage } from './AssessmentPage';
