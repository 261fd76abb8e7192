import { bareMap } from './base';

void bareMap();
