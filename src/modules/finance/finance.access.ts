/** Access to tuition: tariffs are public; contracts and debts follow their student; payments their contract. */
import { accessPolicy } from '../../auth/policies';
import { ownStudentRow } from '../../auth/row-rules';
import { sees } from '../../auth/guard/visibility';
import { Domain } from '../../auth/viewer';
import { contractById } from '../../sources/avn/avn.finance';
import { studentScope } from '../../sources/avn/avn.scopes';
import { ofStudent } from '../students/student.access';
import { Contract, Payment, Tariff, TuitionDebtor } from './finance.types';

export const contractAccess = accessPolicy(Contract, {
  domain: Domain.FINANCE,
  rows: ofStudent<Contract>((c) => c.studentKey),
  own: ownStudentRow((c) => c.studentKey),
});

export const financeAccess = [
  accessPolicy(Tariff, { domain: Domain.FINANCE, rows: 'public' }),
  contractAccess,
  accessPolicy(Payment, {
    domain: Domain.FINANCE,
    rows: {
      faculty: async (p, _r, f) => {
        const contract = await contractById(f.context).load(p.contractKey);
        return contract != null && sees(f, contractAccess, contract);
      },
      self: async (p, _r, f) => (await f.myContracts()).has(p.contractKey),
    },
  }),
  accessPolicy(TuitionDebtor, { domain: Domain.FINANCE, rows: ofStudent<TuitionDebtor>((d) => d.studentKey), scope: studentScope }),
];
