export { PublicLayout } from './PublicLayout';
export { HonourBoardPage } from './HonourBoardPage';
export { PublicStoriesPage, PublicStoryPage } from './PublicStoriesPage';
export { PublicResultsPage, PublicResultPage } from './PublicResultsPages';
export { VerifyPage } from './VerifyPage';
export { PublicInfoCornersPage } from './PublicInfoCornersPage';
export { PublicCriteriaPage } from './PublicCriteriaPage';
