export { ActivitiesListPage } from './ActivitiesListPage';
export { ActivityDetailPage } from './ActivityDetailPage';
export { ActivityCreatePage, ActivityEditPage } from './ActivityEditPages';
