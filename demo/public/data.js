// Conversations shown by the demo inbox ("Northwind Support").
//
// Plain data, no DOM: the app renders every string with textContent, and tests may import this
// module in Node to learn the keys. Keys are short, stable slugs: `em-…` for email threads,
// `ch-…` for chats. Addresses use the reserved example.com / example.org domains only.
//
// Dates are relative to when the page is opened, so the inbox always looks current: today's
// messages are `minutesAgo(n)` (n <= 180), older ones `ago(days, 'HH:MM')` (never after 20:59),
// which keeps every thread in order at any time of day.

/** The support agent using the inbox (the "me" of the demo). */
export const AGENT = Object.freeze({ name: 'Alex Morgan', team: 'Northwind Support' });

const NOW = new Date();

/** ISO timestamp `days` calendar days before today, at local time `hhmm`. */
function ago(days, hhmm) {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - days, h, m).toISOString();
}

/** ISO timestamp `minutes` before the page was opened. */
function minutesAgo(minutes) {
  return new Date(NOW.getTime() - minutes * 60_000).toISOString();
}

const MARKUP = '<img src=x onerror=alert(1)>';

/**
 * @typedef {{ from: 'contact' | 'agent', at: string, body: string,
 *   attachments?: { name: string, size: string }[] }} DemoMessage
 * @typedef {{ key: string, channel: 'email' | 'chat', subject: string,
 *   contact: { name: string, address?: string, handle?: string },
 *   lang: 'en' | 'es', tags: string[], unread: boolean, starred: boolean,
 *   messages: DemoMessage[] }} DemoConversation
 */

/** @type {DemoConversation[]} (the app lists them by latest message, newest first) */
export const conversations = [
  {
    key: 'em-1042-refund',
    channel: 'email',
    subject: 'Refund for order #1042',
    contact: { name: 'Daniel Okafor', address: 'daniel.okafor@example.com' },
    lang: 'en',
    tags: ['Billing'],
    unread: true,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(2, '16:40'),
        body:
          'Hi,\n\nI returned the standing desk from order #1042 on the 3rd (UPS tracking 1Z 999 AA1 01 2345 6784). ' +
          'The return shows as delivered, but I still haven\'t seen the refund of $389.00 on my card.\n\n' +
          'Could you check what\'s going on?\n\nThanks,\nDaniel',
      },
      {
        from: 'agent',
        at: ago(1, '10:05'),
        body:
          'Hi Daniel,\n\nThanks for the tracking number. Our warehouse confirmed they received the desk yesterday. ' +
          'Refunds are issued within 3 business days of the inspection, back to the card you paid with.\n\n' +
          'I\'ll keep an eye on it and write back as soon as it has been processed.\n\nBest,\nAlex — Northwind Support',
      },
      {
        from: 'contact',
        at: minutesAgo(128),
        body:
          'Thanks Alex. It\'s been 3 business days now and there\'s still nothing on my statement. ' +
          'Is there a refund reference number I can give my bank?\n\nDaniel',
      },
    ],
  },
  {
    key: 'ch-marta-ruiz',
    channel: 'chat',
    subject: 'Chat with Marta Ruiz',
    contact: { name: 'Marta Ruiz', handle: '@marta.ruiz', address: 'marta.ruiz@example.com' },
    lang: 'es',
    tags: ['Billing'],
    unread: true,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: minutesAgo(18),
        body: 'Hola, buenos días. Os escribí por email hace unos días por un cargo duplicado en la factura de marzo.',
      },
      {
        from: 'contact',
        at: minutesAgo(17),
        body: 'Me dijeron que el reembolso tardaría 5-7 días, pero quería confirmar que está en marcha. ¿Podéis mirarlo?',
      },
      {
        from: 'agent',
        at: minutesAgo(14),
        body: 'Hola Marta, soy Alex. Lo estoy revisando ahora mismo, dame un par de minutos.',
      },
      {
        from: 'contact',
        at: minutesAgo(13),
        body: 'Perfecto, gracias.',
      },
    ],
  },
  {
    key: 'em-1066-2fa-locked',
    channel: 'email',
    subject: 'Locked out: lost the phone with my 2FA codes',
    contact: { name: 'Kenji Watanabe', address: 'kenji.watanabe@example.com' },
    lang: 'en',
    tags: ['Account'],
    unread: true,
    starred: true,
    messages: [
      {
        from: 'contact',
        at: minutesAgo(49),
        body:
          'Hello,\n\nMy phone was stolen over the weekend and it had the authenticator app for my Northwind account. ' +
          'I can still log in to this email address, but I don\'t have the backup codes anywhere.\n\n' +
          'How can I get back into my account? We have a payroll export due on Friday.\n\n' +
          'Regards,\nKenji Watanabe\nOperations, Example Logistics',
      },
    ],
  },
  {
    key: 'ch-eve-markup',
    channel: 'chat',
    subject: `Chat with Eve ${MARKUP}`,
    contact: { name: `Eve ${MARKUP}`, handle: '@eve.tester', address: 'eve.tester@example.org' },
    lang: 'en',
    tags: ['Account'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: minutesAgo(68),
        body: `Hi! I pasted my display name from a template and now it literally shows as "Eve ${MARKUP}" everywhere.`,
      },
      {
        from: 'contact',
        at: minutesAgo(67),
        body: 'The company field on my invoice also reads <script>alert("pwned")</script> & <b>Acme</b>. Can you reset both?',
      },
      {
        from: 'agent',
        at: minutesAgo(62),
        body: `Thanks Eve. I can see the literal text ${MARKUP} in your profile. I've cleared the company field; you can set your name again under Settings > Profile.`,
      },
    ],
  },
  {
    key: 'em-1038-shipping-delay',
    channel: 'email',
    subject: 'Order #1038 still not delivered',
    contact: { name: 'Thomas Becker', address: 'thomas.becker@example.com' },
    lang: 'en',
    tags: ['Shipping'],
    unread: false,
    starred: true,
    messages: [
      {
        from: 'contact',
        at: ago(6, '11:20'),
        body:
          'Hello,\n\nI ordered two monitor arms (order #1038) twelve days ago. The estimated delivery was last Friday, ' +
          'but the tracking hasn\'t moved since "Arrived at regional facility, Leipzig".\n\nCan you find out where it is?\n\nThomas Becker',
      },
      {
        from: 'agent',
        at: ago(6, '15:02'),
        body:
          'Hi Thomas,\n\nI\'m sorry about the wait. I\'ve opened a trace with the carrier; they usually answer within 48 hours. ' +
          'I\'ll update you as soon as I hear back.\n\nBest regards,\nAlex — Northwind Support',
      },
      {
        from: 'contact',
        at: ago(4, '09:31'),
        body:
          'Hi Alex,\n\nAny news? I need the arms set up before a trade fair on the 20th, so if the parcel is lost ' +
          'I\'d rather you send a replacement now.\n\nThomas',
      },
      {
        from: 'agent',
        at: ago(3, '17:45'),
        body:
          'Hi Thomas,\n\nGood news: the carrier found the parcel. It had been mis-sorted in Leipzig and is now on an express route, ' +
          'due on Thursday. I\'ve also refunded the €14.90 shipping fee for the trouble.\n\n' +
          'If it hasn\'t arrived by Thursday evening, reply here and I\'ll ship a replacement the same day.\n\nAlex',
      },
    ],
  },
  {
    key: 'ch-ana-lopez',
    channel: 'chat',
    subject: 'Chat with Ana López',
    contact: { name: 'Ana López', handle: '@ana.lopez', address: 'ana.lopez@example.com' },
    lang: 'es',
    tags: ['Account'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: minutesAgo(100),
        body: 'Hola, no puedo iniciar sesión: no me llega el código de verificación por SMS.',
      },
      {
        from: 'agent',
        at: minutesAgo(96),
        body: 'Hola Ana. ¿El número que tienes registrado termina en 42? Veo varios intentos en los últimos minutos.',
      },
      {
        from: 'contact',
        at: minutesAgo(95),
        body: 'Sí, ese es. Lo he intentado cuatro veces y nada.',
      },
      {
        from: 'agent',
        at: minutesAgo(91),
        body: 'Tu operador está retrasando los SMS. Te he enviado el código por email como alternativa; caduca en 10 minutos.',
      },
      {
        from: 'contact',
        at: minutesAgo(88),
        body: '¡Ya estoy dentro! Muchas gracias.',
      },
    ],
  },
  {
    key: 'em-1047-cargo-duplicado',
    channel: 'email',
    subject: 'Cargo duplicado en la factura de marzo',
    contact: { name: 'Marta Ruiz', address: 'marta.ruiz@example.com' },
    lang: 'es',
    tags: ['Billing'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(3, '10:15'),
        body:
          'Hola:\n\nEste mes me habéis cobrado dos veces la suscripción Pro (2 × 49,00 €) en la misma tarjeta. ' +
          'Os adjunto una captura del extracto del banco.\n\n¿Podéis devolverme el cargo duplicado?\n\nUn saludo,\nMarta Ruiz',
        attachments: [{ name: 'extracto-marzo.png', size: '214 KB' }],
      },
      {
        from: 'agent',
        at: ago(3, '12:40'),
        body:
          'Hola, Marta:\n\nTienes razón, el cobro se procesó dos veces por un error en la pasarela de pago. ' +
          'Ya lo he trasladado al equipo de facturación: el reembolso de 49,00 € tarda entre 5 y 7 días hábiles en aparecer.\n\n' +
          'Disculpa las molestias.\n\nUn saludo,\nAlex — Soporte de Northwind',
      },
    ],
  },
  {
    key: 'em-1051-login-reset',
    channel: 'email',
    subject: "Can't log in after resetting my password",
    contact: { name: 'Priya Raman', address: 'priya.raman@example.org' },
    lang: 'en',
    tags: ['Account'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(1, '14:22'),
        body:
          'Hi there,\n\nI reset my password this morning using the link you sent, but the login page keeps saying ' +
          '"Invalid email or password" with the new one. I\'ve tried two browsers.\n\nPriya',
      },
      {
        from: 'agent',
        at: ago(1, '15:10'),
        body:
          'Hi Priya,\n\nYour account has two sign-in methods: password and "Sign in with Google". After a reset, ' +
          'the password only applies to priya.raman@example.org, so please make sure you\'re not on the Google button.\n\n' +
          'If that doesn\'t help, tell me roughly when you last tried and I\'ll look at the logs.\n\nAlex',
      },
      {
        from: 'contact',
        at: ago(1, '15:36'),
        body: 'That was it. I was using the Google button out of habit. All good now, thank you!\n\nPriya',
      },
    ],
  },
  {
    key: 'ch-noah-kim',
    channel: 'chat',
    subject: 'Chat with Noah Kim',
    contact: { name: 'Noah Kim', handle: '@noah.kim' },
    lang: 'en',
    tags: ['Feature request'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(1, '13:05'),
        body: 'Hey! Is there a way to trigger a webhook when an order is refunded? We want to sync refunds into our accounting tool.',
      },
      {
        from: 'agent',
        at: ago(1, '13:09'),
        body: 'Hi Noah! Not yet: webhooks currently cover new orders and shipments only. I can log this as a feature request for you.',
      },
      {
        from: 'contact',
        at: ago(1, '13:10'),
        body: 'Yes please. Ideally with the refund amount and the original order id in the payload.',
      },
    ],
  },
  {
    key: 'em-1055-csv-export',
    channel: 'email',
    subject: 'Bug: CSV export stops at 1,000 rows',
    contact: { name: "Liam O'Connor", address: 'liam.oconnor@example.org' },
    lang: 'en',
    tags: ['Bug'],
    unread: false,
    starred: true,
    messages: [
      {
        from: 'contact',
        at: ago(2, '09:03'),
        body:
          'Hi,\n\nWhen I export the customer list to CSV (Customers > Export > All fields), the file always ends at ' +
          'exactly 1,000 rows. We have 3,412 customers. No error is shown.\n\n' +
          'Steps:\n1. Customers > filter "All"\n2. Export > CSV > All fields\n3. Open the file: 1,001 lines including the header\n\n' +
          'Browser: Firefox 128 on Windows 11.\n\nLiam',
      },
      {
        from: 'agent',
        at: ago(2, '11:27'),
        body:
          'Hi Liam,\n\nThanks for the precise steps: I can reproduce it. The export is paginated and only the first page is written. ' +
          'I\'ve filed it with engineering (ref. BUG-2291). As a workaround, exporting with a date filter in chunks of under 1,000 works.\n\n' +
          'I\'ll let you know when the fix ships.\n\nAlex',
      },
    ],
  },
  {
    key: 'ch-sofia-rossi',
    channel: 'chat',
    subject: 'Chat with Sofia Rossi',
    contact: { name: 'Sofia Rossi', handle: '@sofia.rossi', address: 'sofia.rossi@example.org' },
    lang: 'en',
    tags: ['Shipping'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(2, '17:20'),
        body: 'Hi, I just placed order #1084 and realised it will ship to my old address. Can I still change it?',
      },
      {
        from: 'agent',
        at: ago(2, '17:23'),
        body: "Hi Sofia, yes, it hasn't been packed yet. What's the new address?",
      },
      {
        from: 'contact',
        at: ago(2, '17:25'),
        body: 'Via Roma 18, 20121 Milano. Same name and phone number.',
      },
      {
        from: 'agent',
        at: ago(2, '17:27'),
        body: "Done! You'll get an updated confirmation email in a few minutes.",
      },
    ],
  },
  {
    key: 'em-1033-pedido-retrasado',
    channel: 'email',
    subject: 'Pedido #1033: ¿cuándo llega?',
    contact: { name: 'Javier Morales', address: 'javier.morales@example.com' },
    lang: 'es',
    tags: ['Shipping'],
    unread: true,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(3, '08:55'),
        body:
          'Buenos días:\n\nHice el pedido #1033 hace diez días y el seguimiento sigue en "Preparando envío". ' +
          'En la web ponía entrega en 3-5 días laborables.\n\n¿Me podéis decir cuándo lo recibiré?\n\nGracias,\nJavier Morales',
      },
      {
        from: 'agent',
        at: ago(3, '11:30'),
        body:
          'Hola, Javier:\n\nLo siento mucho. Uno de los artículos (la funda del portátil) estaba sin stock y el pedido quedó retenido. ' +
          'Llega al almacén mañana y lo enviaremos por urgente sin coste adicional.\n\nUn saludo,\nAlex',
      },
      {
        from: 'contact',
        at: ago(1, '18:02'),
        body: 'Hola de nuevo. El seguimiento sigue igual. ¿Seguro que ha salido?\n\nJavier',
      },
    ],
  },
  {
    key: 'ch-omar-haddad',
    channel: 'chat',
    subject: 'Chat with Omar Haddad',
    contact: { name: 'Omar Haddad', handle: '@omar.haddad', address: 'omar.haddad@example.com' },
    lang: 'en',
    tags: ['Bug'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(3, '16:11'),
        body: 'The iOS app crashes every time I try to attach a receipt photo to an expense. Version 4.2.1, iPhone 13.',
      },
      {
        from: 'agent',
        at: ago(3, '16:15'),
        body: "Sorry about that, Omar. Does it happen with photos from the library, the camera, or both?",
      },
      {
        from: 'contact',
        at: ago(3, '16:17'),
        body: 'Only the camera. Library photos work fine.',
      },
      {
        from: 'agent',
        at: ago(3, '16:24'),
        body: "Thanks, that matches a known issue with camera permissions in 4.2.1. The fix is in 4.2.2, out later this week. I'll message you when it's live.",
      },
    ],
  },
  {
    key: 'em-1060-shared-replies',
    channel: 'email',
    subject: 'Feature request: shared saved replies for teams',
    contact: { name: 'Hannah Schmidt', address: 'hannah.schmidt@example.com' },
    lang: 'en',
    tags: ['Feature request'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(4, '13:48'),
        body:
          'Hello Northwind team,\n\nWe love the saved replies, but each of our six agents has to create them separately. ' +
          'Could you add team-wide replies that an admin manages? Versioning would be a bonus.\n\nKind regards,\nHannah Schmidt\nCustomer Care Lead',
      },
      {
        from: 'agent',
        at: ago(4, '16:05'),
        body:
          'Hi Hannah,\n\nThanks for the detailed suggestion! Shared replies are on our roadmap for next quarter; ' +
          'I\'ve added your team to the early-access list and noted the versioning idea for the product team.\n\nAlex',
      },
    ],
  },
  {
    key: 'ch-carlos-mendez',
    channel: 'chat',
    subject: 'Chat with Carlos Méndez',
    contact: { name: 'Carlos Méndez', handle: '@carlos.mendez', address: 'carlos.mendez@example.com' },
    lang: 'es',
    tags: ['Returns'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(4, '12:02'),
        body: 'Hola, quiero devolver unos auriculares (pedido #1069). No se conectan bien por Bluetooth.',
      },
      {
        from: 'agent',
        at: ago(4, '12:05'),
        body: 'Hola Carlos, claro. Estás dentro de los 30 días, así que la devolución es gratuita. ¿Prefieres reembolso o cambio?',
      },
      {
        from: 'contact',
        at: ago(4, '12:06'),
        body: 'Reembolso, por favor.',
      },
      {
        from: 'agent',
        at: ago(4, '12:09'),
        body: 'Hecho. Te llegará por email la etiqueta de envío. El reembolso se procesa cuando recibamos el paquete.',
      },
    ],
  },
  {
    key: 'em-1029-cambio-plan',
    channel: 'email',
    subject: 'Cambiar de plan anual a mensual',
    contact: { name: 'Lucía Fernández', address: 'lucia.fernandez@example.org' },
    lang: 'es',
    tags: ['Billing'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(5, '10:40'),
        body:
          'Hola:\n\nTenemos el plan Business anual, que se renueva el mes que viene. Preferiríamos pasar a pago mensual. ' +
          '¿Es posible? ¿Perderíamos algún descuento?\n\nGracias,\nLucía Fernández',
      },
      {
        from: 'agent',
        at: ago(5, '13:15'),
        body:
          'Hola, Lucía:\n\nSí, es posible. El cambio se aplica en la fecha de renovación; el precio mensual es un 15 % más alto ' +
          'que el anual prorrateado. ¿Quieres que lo programe?\n\nUn saludo,\nAlex',
      },
      {
        from: 'contact',
        at: ago(5, '16:50'),
        body: 'Sí, prográmalo, por favor. ¡Gracias!\n\nLucía',
      },
    ],
  },
  {
    key: 'ch-grace-liu',
    channel: 'chat',
    subject: 'Chat with Grace Liu',
    contact: { name: 'Grace Liu', handle: '@grace.liu', address: 'grace.liu@example.org' },
    lang: 'en',
    tags: ['Billing'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(5, '09:14'),
        body: 'Morning! Our finance team needs our VAT number on invoices. Where do I add it?',
      },
      {
        from: 'agent',
        at: ago(5, '09:17'),
        body: 'Hi Grace! Go to Settings > Billing > Company details; the VAT field is at the bottom. It applies to new invoices.',
      },
      {
        from: 'contact',
        at: ago(5, '09:18'),
        body: 'Found it. Can you re-issue last month\'s invoice with it?',
      },
    ],
  },
  {
    key: 'em-1071-damaged-item',
    channel: 'email',
    subject: 'Lamp arrived broken (order #1071)',
    contact: { name: 'Aisha Bello', address: 'aisha.bello@example.org' },
    lang: 'en',
    tags: ['Returns'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(6, '19:22'),
        body:
          'Hi,\n\nThe ceramic floor lamp from order #1071 arrived today with the base cracked in two places. ' +
          'The box looked fine from the outside. Photos attached.\n\nCan I get a replacement?\n\nAisha',
        attachments: [
          { name: 'lamp-base-1.jpg', size: '1.8 MB' },
          { name: 'lamp-base-2.jpg', size: '2.1 MB' },
        ],
      },
      {
        from: 'agent',
        at: ago(5, '08:50'),
        body:
          'Hi Aisha,\n\nI\'m so sorry, and thank you for the photos. A replacement lamp ships today with extra padding. ' +
          'No need to return the broken one; please recycle it.\n\nAlex — Northwind Support',
      },
    ],
  },
  {
    key: 'em-1077-api-limits',
    channel: 'email',
    subject: 'Raising our API rate limit',
    contact: { name: 'Oliver Grant', address: 'oliver.grant@example.com' },
    lang: 'en',
    tags: ['Technical'],
    unread: false,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(7, '15:33'),
        body:
          'Hi,\n\nWe\'re migrating our catalogue (about 40,000 products) through the API and keep hitting ' +
          '429 Too Many Requests at 10 requests per second. Could the limit be raised temporarily for the migration?\n\n' +
          'Oliver Grant\nCTO, Example Outdoor Co.',
      },
      {
        from: 'agent',
        at: ago(7, '17:02'),
        body:
          'Hi Oliver,\n\nI\'ve raised your key to 50 requests per second for the next 7 days. ' +
          'The bulk endpoint (POST /v2/products/batch, up to 100 items per call) is also a good fit for a migration.\n\nAlex',
      },
    ],
  },
  {
    key: 'em-1080-cancelar',
    channel: 'email',
    subject: 'Quiero cancelar mi suscripción',
    contact: { name: 'Pablo Navarro', address: 'pablo.navarro@example.org' },
    lang: 'es',
    tags: ['Cancellation'],
    unread: true,
    starred: false,
    messages: [
      {
        from: 'contact',
        at: ago(8, '20:14'),
        body:
          'Hola:\n\nQuiero cancelar mi suscripción antes de la próxima renovación. He buscado la opción en la cuenta y no la encuentro.\n\n' +
          '¿Me podéis indicar cómo hacerlo o cancelarla vosotros?\n\nGracias,\nPablo',
      },
    ],
  },
];
