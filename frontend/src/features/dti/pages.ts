export { DtiPage } from './DtiPage';
