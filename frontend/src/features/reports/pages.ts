export { ReportRequestsListPage } from './ReportRequestsListPage';
export { ReportRequestCreatePage } from './ReportRequestCreatePage';
export { ReportRequestPage } from './ReportRequestPage';
export { ReportPage } from './ReportPage';
