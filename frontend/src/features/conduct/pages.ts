export { RatingsPage } from './RatingsPage';
export { FlagsPage } from './FlagsPage';
