/** The tabs other parts of 作品征集 provide to the call's page: 评审, 评奖与公示, 向上推荐, 巡演巡展. */
export { RoundsTab } from './judging/RoundsTab';
export { AwardsTab } from './awards/AwardsTab';
export { RecommendTab } from './awards/RecommendTab';
export { CallEventsTab } from './CallEventsTab';
