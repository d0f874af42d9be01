/** The resolver classes of the orders, finance and admissions modules, registered together in modules/index.ts. */
import { admissionsResolvers } from '../admissions/applicant.resolver';
import { financeResolvers } from '../finance/finance.resolver';
import { orderResolvers } from './order.resolver';

export const ordersFinanceAdmissionsResolvers = [...orderResolvers, ...financeResolvers, ...admissionsResolvers] as const;
