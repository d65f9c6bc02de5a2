export { CommunicationsPage } from './CommunicationsPage';
export { ProposalsPage } from './ProposalsPage';
export { ProposalPage } from './ProposalPage';
