export { NominationsListPage } from './NominationsListPage';
export { ApprovalQueuePage } from './ApprovalQueuePage';
export { NominationCreatePage } from './NominationCreatePage';
export { NominationDetailPage } from './NominationDetailPage';
