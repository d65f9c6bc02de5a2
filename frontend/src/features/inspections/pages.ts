export { InspectionsListPage } from './InspectionsListPage';
export { InspectionCreatePage } from './InspectionCreatePage';
export { InspectionDetailPage } from './InspectionDetailPage';
export { RecommendationsPage } from './RecommendationsPage';
export { InspectionPlansPage } from './InspectionPlansPage';
