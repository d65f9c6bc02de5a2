export { PlansListPage } from './PlansListPage';
export { PlanCreatePage } from './PlanCreatePage';
export { PlanPage } from './PlanPage';
export { PlanTrackingPage } from './PlanTrackingPage';
