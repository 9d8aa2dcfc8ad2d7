import { refusal } from '../../../core/domain/refusals';
import { refusalText } from '../../../components/shared/i18n';
import { useLocale } from '../locale';

describe('refusalText: a refusal in the agent’s language', () => {
  it('words a refusal with arguments in Spanish', () => {
    useLocale('es');
    expect(refusalText(refusal('conflict', 'mergeSelf', { id: 'T-7QX2' }))).toBe('El ticket T-7QX2 no se puede fusionar consigo mismo.');
    expect(refusalText(refusal('conflict', 'priorityInUse', { n: 3, name: 'Alta' }))).toBe(
      'Hay 3 tickets con la prioridad «Alta». Dales otra prioridad antes de quitarla.',
    );
  });

  it('words the text a refusal is about too', () => {
    useLocale('es');
    expect(refusalText(refusal('invalid', 'fieldEmpty', { field: 'ticketName' }))).toBe('El nombre del ticket: no puede quedar vacío.');
  });

  it('says the English words to an English agent', () => {
    useLocale('en');
    expect(refusalText(refusal('invalid', 'fieldEmpty', { field: 'ticketName' }))).toBe("The ticket name can't be empty.");
  });

  it('falls back to the message for a key this page does not know, or a refusal without one', () => {
    useLocale('es');
    expect(refusalText({ key: 'fromANewerBackground', message: 'Something new went wrong.' })).toBe('Something new went wrong.');
    expect(refusalText({ message: 'An old background said no.' })).toBe('An old background said no.');
  });

  it('falls back to the message when an argument is missing rather than show a hole', () => {
    useLocale('es');
    expect(refusalText({ key: 'mergeSelf', message: "Ticket T-1 can't be merged into itself." })).toBe("Ticket T-1 can't be merged into itself.");
  });
});
