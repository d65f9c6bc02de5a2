// The amounts' helpers are shared (awards' cash rewards, the public criteria page): they live in lib/.
export { formatDong, parseDong } from '../../lib/money';
