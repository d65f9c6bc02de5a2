export { FrameworksListPage } from './FrameworksListPage';
export { FrameworkPage } from './FrameworkPage';
export { FrameworkEditPage } from './FrameworkEditPage';
