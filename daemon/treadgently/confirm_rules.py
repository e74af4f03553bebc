"""The interview-confirmation rules, as data: phrase patterns per signal.

Each entry is one case-insensitive alternation; `confirm.detect_confirmation` decides
with them.  English, German, French, Spanish, Dutch, Italian and Portuguese.  Extend a
list here (or add a language) without touching the decision code.  Write "confirmed" in
lower case: it also gates every message as a case-sensitive search over lower-cased
text, which is faster.
"""

from __future__ import annotations

import re


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# The rules, as data: each is one alternation, matched case-insensitively.
RULES: dict[str, re.Pattern[str]] = {
    # Words that make a meeting a job interview.
    "interview": _rx(
        r"\binterview(?:s|ing|ed)?\b",
        r"\bsuper\s?day\b",
        r"\bon-?site\b(?!\s+(?:parking|dentist|clinic))",
        r"\b(?:phone|recruiter|technical|tech|hiring[- ]manager)\s+screen(?:ing)?\b",
        r"\bscreening\s+(?:call|interview)\b",
        r"\bhiring\s+manager\b",
        r"\b(?:final|first|second|third|next|1st|2nd|3rd)[- ]round\b",
        r"\bassessment\s+(?:centre|center|day)\b",
        r"\b(?:vorstellungs|bewerbungs|kennenlern|auswahl|einstellungs)gespräch\w*",
        r"\bentretiens?\b",
        r"\bentrevue\b",
        r"\bentrevistas?\b",
        r"\b(?:sollicitatie|kennismakings|selectie)gesprek(?:ken)?\b",
        r"\bcolloqui(?:o)?\b",
        # rounds that only hiring has
        r"\btechnical (?:deep[- ]dive|round|assessment|exercise|discussion|session)\b",
        r"\b(?:coding|pairing|pair[- ]programming|system design|whiteboard|live[- ]coding)\s+"
        r"(?:session|exercise|round|challenge)\b",
        r"\bpair[- ]programming\b",
        r"\bportfolio (?:review|presentation|walk-?through)\b",
        r"\bcase (?:study|interview) (?:round|session|presentation)\b",
        r"\b(?:culture|values)[- ](?:fit|add)\b",
        r"\bnext (?:round|stage|step) (?:of|in) (?:the|our|your) (?:process|hiring|application)\b",
    ),
    # Meetings that are an interview once the mail is about a job ("job" below): a
    # "conversation" or "chat" with a hiring manager, a "call" with the team.
    "meeting": _rx(
        r"\b(?:conversation|chat|call|screen|deep[- ]dive|panel|meeting|session|discussion"
        r"|meet and greet|catch-?up|gespräch|telefonat|termin|échange|rendez-vous|entrevue"
        r"|llamada|reunión|charla|gesprek|afspraak|kennismaking|incontro|chiamata|videochiamata"
        r"|conversa|reunião|chamada|videochamada)\b",
    ),
    # Words about a job, which make an invitation from an employer an interview.
    "job": _rx(
        r"\b(?:role|position|candidate|candidacy|application|vacancy|job opening|hiring)\b",
        r"\brecruit(?:er|ing|ment)\b",
        r"\btalent\s+(?:acquisition|team|partner|lead|manager)\b",
        r"\bhead of (?:talent|people|recruiting)\b",
        r"\b(?:people|hr) (?:partner|business partner|team)\b",
        r"\bhuman resources\b",
        r"\b(?:personalabteilung|personalreferent\w*|ressources humaines|chargée? de recrutement"
        r"|recursos humanos|selección de personal|werving en selectie)\b",
        r"\byour (?:cv|resume|résumé|portfolio|lebenslauf)\b",
        r"\bnext (?:conversation|chat|call|round|stage|step)\b",
        r"\b(?:stelle|bewerbung|poste|candidature|puesto|candidatura|vacante|vacature|functie)\b",
        r"\b(?:posizione|selezione|risorse umane|vaga|processo seletivo|recrutamento"
        r"|atração de talentos|gestão de pessoas)\b",
    ),
    # Job titles: in a subject beside a meeting word ("Data Analyst - next chat"), a job.
    "job_title": _rx(
        r"\b(?:engineer|developer|designer|analyst|scientist|manager|lead|director|architect"
        r"|consultant|specialist|associate|intern|programmer|administrator|accountant"
        r"|strategist|researcher|technician|coordinator|product owner|ingenieur|entwickler"
        r"|ingénieur|développeur|ingeniero|desarrollador|ontwikkelaar)(?:in|e|a)?s?\b",
    ),
    # Meetings that look like interviews but are not one with an employer.
    "lookalike": _rx(
        r"\bwebinars?\b",
        r"\bweb\s?seminar\b",
        r"\bwebinaire\b",
        r"\bseminario\s+web\b",
        r"\blive\s?stream\b",
        r"\byou(?:'re|’re| are| have been) registered\b",
        r"\bthanks?(?: you)? for registering\b",
        r"\bregistration (?:is )?confirmed\b",
        r"\bmeetup\b",
        r"\binfo(?:rmation)?\s+session\b",
        r"\b(?:career|job)\s+fair\b",
        r"\b(?:career|careers|open|info|job)\s+days?\b",
        r"\b(?:fiera del lavoro|giornata di orientamento|feira de (?:emprego|carreiras))\b",
        r"\bopen\s+house\b",
        r"\bmasterclass\b",
        r"(?<!video )(?<!web )(?<!tele)\bconference\b(?!\s+(?:room|call|line|bridge|id|link))",
        r"\bpodcast\b",
        r"\bpódcast\b",
        r"\bepisodes?\b",
        r"\b(?:on|to|for) (?:the|our) show\b",
        r"\bas (?:a|our) guest\b",
        r"\b(?:mock|practice|practise)\s+interviews?\b",
        r"\binterview\s+(?:practice|coaching|prep(?:aration)?\s+session)\b",
        r"\binformational\s+interview\b",
        r"\b(?:career|interview|job[- ]search|executive|your) coach\b",
        r"\bcoach:",
        r"\bcoaching (?:session|call|package)\b",
        r"\bdentist\b",
        r"\b(?:dentist|dental|doctor|medical|eye|vet|clinic)(?:'s|’s)?\s+"
        r"(?:appointment|visit|check-?up|cleaning|exam)\b",
        r"\bpatient portal\b",
        r"\bhaircut\b",
        r"\bnewsletter\b",
        r"\b(?:online|free|video|e-learning|learning) courses?\b",
        r"\bcourse (?:starts|begins|enrollment|registration)\b",
        r"\b(?:how to ace|ace your)\b",
        r"\b(?:journalist|reporter|press interview|media interview)\b",
        r"\bfor (?:our|an|the|a|my) (?:[\w'’-]+ ){0,3}(?:article|story|magazine|newspaper|feature"
        r"|column|segment|piece)\b(?!\s+(?:team|squad|engineer|developer|role|position|work))",
        r"\b(?:quote you|on the record|off the record)\b",
        r"\b(?:user|customer)\s+interviews?\b",
        r"\b(?:research|usability)\s+(?:study|session|test)s?\b",
        r"\b(?:focus group|research participant|study participant|gift card)\b",
        r"\b(?:zahnarzt\w*|arzttermin|probeinterview|bewerbungstraining)\b",
        r"\b(?:dentiste|rendez-vous médical|entretien blanc|simulation d'entretien)\b",
        r"\b(?:dentista|cita médica|entrevista simulada|simulacro de entrevista)\b",
        r"\b(?:tandarts|huisarts|proefsollicitatie|oefengesprek)\b",
        r"\b(?:simulazione di colloquio|colloquio simulato|visita medica|consulta médica"
        r"|entrevista simulada)\b",
        # said outright: "Not an interview, just a coffee"
        r"\b(?:not|isn't|isn’t|is not|no|never) (?:an?|any|a formal|part of (?:the|our|any|a)) "
        r"(?:job |formal )?(?:interview|hiring|recruiting|recruitment|application)\b",
        r"\bnetworking (?:coffee|event|call|chat|meetup|session|mixer|night|reception|lunch"
        r"|breakfast|drinks)\b",
        r"\b(?:workshop|bootcamp|office hours|hackathon|alumni (?:event|mixer|night))\b",
        r"\b(?:kein|keine) (?:vorstellungsgespräch|bewerbungsgespräch|interview)\b",
        r"\b(?:ce n'est pas|pas) un entretien\b",
        r"\bno es una entrevista\b",
        r"\bgeen sollicitatiegesprek\b",
    ),
    # Words that fix an arrangement rather than propose one.  A match only counts in a
    # statement: `confirm.detect_confirmation` skips those in a question or an "if" clause.
    "confirmed": _rx(
        r"\bconfirm(?:ed|ing|s|ation)\b",
        # "I can confirm", "we would like to confirm", "this is to confirm"
        r"\b(?:this is|writing|pleased|happy|glad|delighted|want|wanted|like|wish|can|just|"
        r"quick note|able) to confirm\b",
        r"\b(?:i|we) (?:can|hereby) confirm\b",
        r"\b(?:you're|you’re|you are|we're|we’re|we are) all set\b",
        r"\b(?:is|has been|have been|are|been) (?:now )?(?:scheduled|booked|arranged|set up)\b",
        r"\byou(?:'re|’re| are) (?:now )?(?:scheduled|booked|confirmed|set|down|locked in) for\b",
        # the writer fixed it: "I've booked your interview", "we have scheduled", "pencilled
        # you in", "let's lock in Friday", "I'll put you down for"
        r"\b(?:i|we)(?:'ve|’ve| have)?\s+(?:now\s+|just\s+|already\s+|gone ahead and\s+)?"
        r"(?:booked|scheduled|set up|arranged|reserved|pencil(?:l)?ed|blocked|locked|lined up"
        r"|slotted|put you down|put you in)\b",
        r"\bpencil(?:l)?(?:ed|ing)? (?:you|it|this|that|us) in\b",
        r"\b(?:book|booked|put|slot|slotted|got|have) you (?:in|down)\b",
        r"\b(?:all )?booked in\b",
        r"\b(?:we're|we’re|we are|you're|you’re|you are|it's|it’s|it is) (?:still )?on for\b",
        r"\b(?:will|is going to|is set to) (?:take place|be held)\b",
        r"\block(?:ed|ing)? (?:(?:it|that|this|you) )?in\b",
        r"\blet(?:'s|’s| us) (?:lock|pencil|book|go (?:with|for|ahead)|do|plan on|say|make it"
        r"|confirm)\b",
        # accepting a time the candidate offered: "Thursday at 2 PM ET works well"
        r"\b(?:works|suits) (?:well|great|perfectly|nicely|fine|for (?:me|us|everyone|the team"
        r"|both of us|all of us))\b",
        r"\b(?:it's|it is|that's|that is|you're|you are) (?:now )?in (?:the|my|our) calendars?\b",
        r"\blook(?:ing)? forward to (?:seeing|meeting|speaking with|talking with|chatting with"
        r"|speaking to|talking to|welcoming|hosting|having) you\b",
        r"\blook(?:ing)? forward to (?:it|then|our (?:chat|conversation|call|meeting|talk))\b",
        r"\b(?:excited|delighted|pleased|happy|glad|thrilled) to (?:host|welcome|have) you\b",
        r"\bsee you (?:on|at|then|tomorrow|next|there|monday|tuesday|wednesday|thursday"
        r"|friday)\b",
        r"\b(?:speak|talk) (?:to you |with you )?then\b",
        r"\b(?:he|she|they|we|i)(?:'ll|’ll| will) (?:call|ring|phone|meet|see) you (?:on|at)\b",
        # a schedule handed over: "Here is your onsite schedule", "Your schedule (all times ET):"
        r"\b(?:here is|here's|here’s|here are|below is|please find|attached is) (?:your|the) "
        r"(?:[\w-]+ ){0,2}(?:schedule|itinerary|agenda|details)\b",
        r"\b(?:schedule|itinerary|agenda) (?:is )?(?:below|attached|as follows)\b",
        r"\b(?:please )?(?:see|find|review) (?:your|the) (?:[\w-]+ ){0,2}(?:details|schedule"
        r"|itinerary|agenda|information) (?:below|attached|here)\b",
        r"\byour (?:[\w-]+ ){0,2}(?:schedule|itinerary|agenda)\b[^\n.?]{0,40}:[ \t]*(?=\r?\n|$)",
        r"\bdetails (?:for|of|about) your (?:upcoming )?(?:interview|onsite|visit)\b",
        r"\b(?:invitation|invite) (?:for|to) (?:your|an|the) interview\b",
        r"\byour interview (?:is|will be) (?:on|at|scheduled|set)\b",
        r"\b(?:your|the|our) (?:[\w-]+ ){0,2}(?:interview|call|chat|conversation|onsite|meeting"
        r"|screen|session)(?: with [^.;!?\n]{1,60}?)? (?:is|will be) (?:now )?(?:on|at|this|next"
        r"|tomorrow|monday|tuesday|wednesday|thursday|friday)\b",
        r"\b(?:invite|invited|inviting) you (?:to|for) (?:an?|your|the|our) (?:[\w-]+ ){0,2}"
        r"(?:interview|onsite|superday|screen|conversation|call|chat)\b",
        r"\b(?:(?:a|friendly|quick|gentle) )?reminder (?:of|about|that|for) your\b",
        r"\breminder:",
        r"\b(?:laden|lade) (?:sie|dich)\b[^!?\n]{0,100}?\bein\b",
        r"\b(?:vous|t['’]) inviter à un entretien\b",
        r"\binvitar(?:le|te|la) a una entrevista\b",
        r"\bnodig(?:en)? (?:je|u|jou)\b[^!?\n]{0,100}?\buit\b",
        r"\b(?:rescheduled|moved|pushed|shifted|bumped) (?:it |this |that |(?:the|your|our) "
        r"(?:[\w-]+ ){0,2})?(?:to|for|back to|forward to)\b",
        # moved to a new time, said as a fact: "we need to move your interview to Friday"
        r"\b(?:need|needs|have|has|had) to (?:move|push|shift|reschedule|bring) (?:it |this |that "
        r"|(?:the|your|our) (?:[\w-]+ ){0,2})?(?:to|for|forward to|back to)\b",
        r"\bnew (?:time|date|slot) (?:is|will be)\b",
        # settled earlier, in a call or a thread: "As agreed, your interview is on..."
        r"\bas (?:agreed|arranged|discussed)\b",
        # German
        r"\bbestätig(?:en|e|t|te|ung)\b",
        r"\b(?:ist|wurde|sind) (?:fest )?(?:eingeplant|vereinbart|bestätigt|angesetzt)\b",
        r"\bfreuen uns auf (?:sie|ihren besuch|das gespräch|ihr kommen|dich)\b",
        r"\b(?:habe|haben)\b[^!?\n]{0,100}?\b(?:eingeplant|eingetragen|gebucht|reserviert"
        r"|vereinbart|angesetzt|festgehalten)\b",
        r"\bfindet\b[^!?\n]{0,80}?\bstatt\b",
        r"\b(?:erwarten|empfangen) (?:wir )?(?:sie|dich)\b",
        r"\b(?:sehen|sprechen|hören) uns (?:am|um|dann|morgen)\b",
        r"\b(?:der )?termin steht\b",
        r"\bsteht (?:unser|das|ihr|dein|der|euer)\b",
        r"\bwie (?:besprochen|vereinbart|abgesprochen)\b",
        r"\b(?:passt|klappt) (?:gut|perfekt|bestens|prima)\b",
        # French
        r"\bconfirm(?:e|ons|é|ée|ation)\b",
        r"\b(?:est|a été) (?:bien )?(?:prévue?|programmée?|planifiée?|fixée?)\b",
        r"\bau plaisir de vous (?:rencontrer|voir|recevoir|parler)\b",
        r"\b(?:nous|je|on) vous (?:attendons|attends|attend|recevrons|recevrai|accueillerons)\b",
        r"\bc['’]est noté\b",
        r"\b(?:le plaisir|heureux|heureuse|ravis?|ravie) de vous (?:recevoir|accueillir"
        r"|rencontrer)\b",
        r"\baura lieu\b",
        r"\b(?:nous avons|j['’]ai) (?:bien )?(?:réservé|planifié|programmé|fixé|calé|bloqué)\b",
        r"\b(?:cela|ça) (?:me|nous) (?:convient|va)\b",
        r"\bcomme (?:convenu|prévu|discuté)\b",
        # Spanish
        r"\bconfirm(?:o|amos|ada|ado|ación)\b",
        r"\b(?:queda|quedó|está|ha sido) (?:agendad|programad|confirmad|fijad)[ao]\b",
        r"\b(?:le|te|los|las) esperamos\b",
        r"\b(?:hemos|he) (?:reservado|agendado|programado|fijado|apuntado)\b",
        r"\bnos vemos (?:el|a las|mañana|entonces)\b",
        r"\bquedamos (?:el|para|a las|entonces|así|mañana|hoy|en)\b",
        r"\b(?:como|según lo|tal como) (?:acordado|acordamos|hablado|hablamos|quedamos)\b",
        r"\b(?:tendrá|tendra) lugar\b",
        r"\b(?:nos|me) (?:viene|va) (?:bien|perfecto)\b",
        # Dutch
        r"\bbevestig(?:en|d|ing)\b",
        r"\b(?:staat|is) (?:ingepland|gepland)\b",
        r"\b(?:we|wij|ik) (?:verwachten|zien) (?:je|u|jou)\b",
        r"\b(?:heb|hebben)\b[^!?\n]{0,100}?\b(?:ingepland|geboekt|gereserveerd|vastgelegd"
        r"|ingeboekt)\b",
        r"\bvindt\b[^!?\n]{0,80}?\bplaats\b",
        r"\btot (?:dan|maandag|dinsdag|woensdag|donderdag|vrijdag)\b",
        r"\b(?:komt|past) (?:goed|prima|perfect)\b",
        r"\bzoals (?:afgesproken|besproken)\b",
        # Italian
        r"\bconferm(?:o|iamo|a|ato|ata|are|arle|arti|arvi)\b",
        r"\b(?:è|e'|è stato|è stata|sono) (?:stat[oa] )?"
        r"(?:fissat|programmat|confermat|previst)[oa]\b",
        r"\b(?:la|ti|vi|li) (?:aspettiamo|aspetto|attendiamo)\b",
        r"\bci (?:vediamo|sentiamo) (?:domani|il|lunedì|martedì|mercoledì|giovedì|venerdì|alle"
        r"|allora)\b",
        r"\b(?:abbiamo|ho) (?:fissato|programmato|prenotato|organizzato)\b",
        r"\bsi terrà\b",
        r"\bcome (?:concordato|d['’]accordo|anticipato|da accordi)\b",
        # Portuguese
        r"\bconfirm(?:ação|acao|ada|ado|amos|o)\b",
        r"\b(?:está|esta|fica|ficou|foi|ficará) (?:marcad|agendad|confirmad|programad)[ao]\b",
        r"\b(?:o|a|te|lhe) (?:aguardamos|esperamos)\b",
        r"\baguardamos (?:você|voce|a sua|o seu|sua|seu)\b",
        r"\b(?:terá lugar|vai decorrer|será realizad[ao])\b",
        r"\b(?:conforme|como) (?:combinado|combinamos|combinámos|acordado|conversamos)\b",
        r"\baté (?:amanhã|lá|segunda|terça|quarta|quinta|sexta)\b",
    ),
    # Before a "confirmed" phrase in its sentence, these make it a condition, not a fact
    # ("If Thursday works, I'll book it", "once you've confirmed").
    "conditional": _rx(
        r"\b(?:if|whether|once|unless|should you|si|falls|wenn|ob|indien|mocht)\b",
        r"\b(?:after|when|until|before) (?:you|we|they|he|she)\b",
    ),
    # Requests for times: no time has been fixed yet.
    "availability": _rx(
        r"\b(?:share|send|provide|let (?:me|us) know|tell (?:me|us)|give (?:me|us)|confirm)\b"
        r"[^.?!\n]{0,40}\bavailabilit(?:y|ies)\b",
        r"\byour availability\b",
        r"\bwhat (?:times?|days?|slots?) (?:work|suit|would work|are good)",
        r"\bwhen (?:are|would|will) you (?:be )?(?:available|free)\b",
        r"\bwhen you(?:'re|’re| are) (?:available|free)\b",
        r"\b(?:pick|choose|select|book|grab) (?:a|your) (?:time|slot)\b",
        r"\b(?:pick|choose|select) (?:one of|from|among|between) (?:the following|these|those|the"
        r" (?:times|slots|options|dates))\b",
        r"\b(?:times|slots|options|dates) (?:below|above)\b",
        r"\bwählen sie\b|\bchoisi(?:r|ssez)\b|\belij(?:a|e)\b|\bkies\b",
        r"\bare you (?:available|free)\b",
        r"\b(?:which|what) of (?:these|the following|those)\b",
        r"\b(?:does|would|do|will|could) (?:that|this|any of (?:these|those|them)|either"
        r"|one of these|\S+(?: \S+)?) work(?: for you)?\s?\?",
        r"\b(?:suggest|propose|send (?:me|us|over)) (?:a few|some|two|three|several) "
        r"(?:times|slots|dates|options)\b",
        r"\bihre verfügbarkeit\b",
        r"\bterminvorschläge?\b",
        r"\bwann (?:sie|du) (?:zeit|verfügbar)",
        r"\bvos disponibilités\b",
        r"\bvos créneaux\b",
        r"\b(?:tu|su) disponibilidad\b",
        r"\b(?:uw|je|jouw) beschikbaarheid\b",
        r"\b(?:sua|tua|vostra) disponibilità\b",
        r"\b(?:sua|tua) disponibilidade\b",
    ),
    # Statements that the meeting is off or must move.
    "called_off": _rx(
        r"\b(?:has|have) been (?:cancel(?:l)?ed|called off|postponed|put on hold)\b",
        r"\b(?:is|was|are|were) (?:now )?(?:cancel(?:l)?ed|postponed|called off)\b",
        r"\b(?:we|i|they|he|she|manager|interviewer|team)(?:'ll|’ll| will| would)?"
        r"(?:\s+\w+)?\s+(?:need|needs|have|has|had|must)\s+to\s+(?:cancel|postpone|reschedule"
        r"|move|push)\b",
        r"\bcancel(?:l)?ing (?:your|our|the|this|tomorrow's)\b",
        r"\bneeds? to be (?:rescheduled|moved|postponed|cancel(?:l)?ed)\b",
        r"\b(?:can|could) we (?:please )?(?:reschedule|move|postpone)\b",
        r"\bplease reschedule\b",
        r"\b(?:abgesagt|absagen müssen|verschieben müssen)\b",
        r"\b(?:annulée?|reportée?|devons annuler|devons reporter)\b",
        r"\b(?:cancelad[ao]|pospuest[ao]|aplazad[ao]|tenemos que cancelar|reprogramar)\b",
        r"\b(?:geannuleerd|afgezegd|moeten verplaatsen)\b",
        r"\b(?:annullat[oa]|rinviat[oa]|dobbiamo (?:spostare|rinviare|annullare))\b",
        r"\b(?:adiad[ao]|precisamos (?:de )?(?:remarcar|cancelar|adiar))\b",
    ),
    # A called-off message that names the new time is a confirmation of the new time.
    "new_time": _rx(
        r"\b(?:reschedul(?:e|ed|ing)|mov(?:e|ed|ing)|chang(?:e|ed|ing)|updat(?:e|ed|ing)"
        r"|push(?:ed|ing)?|shift(?:ed|ing)?|bump(?:ed|ing)?) (?:it |this |that |(?:the|your|our) "
        r"(?:[\w-]+ ){0,2})?(?:to|for|back to|forward to)\b",
        r"\bnew (?:time|date|slot)\b",
        r"\bnow (?:confirmed|scheduled|set|booked) for\b",
        r"\b(?:is|are|will be) now (?:on|at|for|set|scheduled|booked|monday|tuesday|wednesday"
        r"|thursday|friday|saturday|sunday|tomorrow)\b",
        r"\b(?:at|on|to|for)\b[^.\n]{1,40}\binstead\b",
        r"\b(?:neuer termin|verschoben auf|nouvel horaire|nouvelle date|reporté au|nueva fecha"
        r"|nuevo horario|reprogramad[ao] para|nieuwe tijd|verplaatst naar|spostat[oa] a"
        r"|nuovo orario|nuova data|remarcad[ao] para|nova data|novo horário)\b",
    ),
    # Other steps of a job search that are meetings but not interviews: an offer call is
    # never one; the rest only count when nothing in the message says "interview".
    "offer": _rx(
        r"(?<!not )\b(?:offer letter|offer of employment|offer call|verbal offer|written offer)\b",
        r"\bextend(?:ing)? (?:you )?(?:an|the|a formal|a verbal|a written) offer\b",
        r"\b(?:discuss|review|go over|walk through) (?:the|your|our) offer\b",
        r"\b(?:pleased|happy|delighted|thrilled|excited) to offer you\b",
        r"\b(?:like|love) to offer you\b",
        r"\b(?:arbeitsvertrag|vertragsangebot|lettre d'offre|promesse d'embauche|carta de oferta"
        r"|arbeidsovereenkomst|aanbiedingsbrief|proposta di assunzione|lettera di offerta"
        r"|proposta de emprego|carta oferta)\b",
    ),
    "other_step": _rx(
        r"\breference (?:call|check)s?\b",
        r"\bbackground (?:check|screening)\b",
        r"\b(?:first day|start date|onboarding|orientation|new hire|welcome aboard)\b",
        r"\b(?:erster arbeitstag|premier jour|primer día|eerste werkdag|primo giorno"
        r"|primeiro dia)\b",
    ),
    # A cancellation announced in the subject line.
    "cancelled_subject": _rx(
        r"\b(?:cancel(?:l)?ed|cancell?ation|abgesagt|annulé|cancelad[ao]|geannuleerd|annullat[oa]"
        r"|cancelamento)\b",
    ),
}
