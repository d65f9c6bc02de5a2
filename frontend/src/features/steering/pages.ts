export { SteeringPage } from './SteeringPage';
