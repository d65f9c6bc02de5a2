export { StoriesListPage } from './StoriesListPage';
export { StoryPage } from './StoryPage';
export { StoryCreatePage, StoryEditPage } from './StoryEditPages';
export { PublicationsPage } from './PublicationsPage';
