export { RankingPage } from './RankingPage';
export { ScorecardPage } from './ScorecardPage';
