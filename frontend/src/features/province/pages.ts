export { ProvincePage } from './ProvincePage';
