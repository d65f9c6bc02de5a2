export { InspectionsListPage } from './InspectionsListPage';
export { InspectionCreatePage } from './InspectionCreatePage';
export { InspectionDetailPage } from './InspectionDetailPage';
