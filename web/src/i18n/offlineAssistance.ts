// Messages of a helper's assistance work on the phone: the day's agenda
// from the device store, the family page's assistance section offline
// (fa, en). Wired into fa.ts / en.ts as `offlineAssistance`.
export const offlineAssistanceFa = {
  agendaTitle: 'کارهای امروز',
  agendaFromDevice: 'از داده‌های این گوشی، با تغییرهایی که هنوز فرستاده نشده‌اند.',
  overdue: 'عقب‌افتاده ({{n}})',
  today: 'امروز ({{n}})',
  overdueTasks: 'کارهای کمیسیون که موعدشان گذشته ({{n}})',
  nothing: 'برای امروز کاری در برنامه نیست و کار عقب‌افتاده‌ای هم نمانده است.',
  upcoming: '{{n}} کار دیگر در هفتهٔ پیش رو.',
  dueOn: 'موعد: {{date}}',
  lateBy: '{{n}} روز گذشته',
  openItem: '{{title}}، خانوادهٔ {{family}}',
  openCalendar: 'تقویم همیاری',
  needsStore: 'برای دیدن کارهای امروز بی‌اینترنت، گذرواژه را در بالای صفحه بدهید.',
  loadFailed: 'کارهای امروز خوانده نشد.',
  assistanceNotSynced: 'خدمت‌ها و برنامهٔ این خانواده هنوز به این گوشی نرسیده است؛ آنچه اینجا ثبت کنید نگه داشته و فرستاده می‌شود.',
};

export const offlineAssistanceEn: { [K in keyof typeof offlineAssistanceFa]: string } = {
  agendaTitle: 'Today’s work',
  agendaFromDevice: 'From this phone’s data, with changes not sent yet.',
  overdue: 'Overdue ({{n}})',
  today: 'Today ({{n}})',
  overdueTasks: 'Commission tasks past due ({{n}})',
  nothing: 'Nothing is planned for today and nothing is overdue.',
  upcoming: '{{n}} more in the coming week.',
  dueOn: 'Due: {{date}}',
  lateBy: '{{n}} days late',
  openItem: '{{title}}, family {{family}}',
  openCalendar: 'Assistance calendar',
  needsStore: 'To see today’s work offline, give your password at the top of the page.',
  loadFailed: 'Today’s work could not be read.',
  assistanceNotSynced: 'This family’s services and plan have not reached this phone yet; what you record here is kept and sent.',
};
