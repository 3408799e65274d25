import { consultationPolicy, countedDays, type ConsultedLevel } from '../../content-model';
import { ValidationError } from '../shared/errors';

/** A window must give the sector at least the minimum time, not counting July. */
export function assertConsultationWindow(level: ConsultedLevel, opensOn: string, closesOn: string, fieldPrefix = ''): void {
  const minimum = consultationPolicy[level].minimumDays;
  if (closesOn <= opensOn) throw ValidationError.field(`${fieldPrefix}closesOn`, 'Fristen må være etter åpningsdatoen');
  const counted = countedDays(opensOn, closesOn);
  if (counted < minimum) {
    throw ValidationError.field(
      `${fieldPrefix}closesOn`,
      `Høringen må vare minst ${minimum / 7} uker for nivå ${level} (juli teller ikke); denne varer ${counted} dager`,
    );
  }
}
