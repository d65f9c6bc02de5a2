export { MaterialsPage } from './MaterialsPage';
