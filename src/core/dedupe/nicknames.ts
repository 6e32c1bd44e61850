/**
 * Common English given-name nicknames, each mapped to one canonical name so that
 * "Bob" and "Robert" compare as the same first name. Kept small on purpose: a nickname that
 * maps to two names (Pat, Chris, Alex) is mapped to the most common one and the comparison
 * still falls back to string similarity.
 */
const GROUPS: Record<string, string[]> = {
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  william: ['bill', 'billy', 'will', 'willy'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'bess', 'elisabeth'],
  margaret: ['peggy', 'maggie', 'meg', 'marge', 'margie', 'greta'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jon', 'johnny', 'jack', 'jonathan'],
  michael: ['mike', 'mikey', 'mick', 'mickey'],
  thomas: ['tom', 'tommy'],
  richard: ['dick', 'rick', 'ricky', 'rich', 'richie'],
  katherine: ['kate', 'katie', 'kathy', 'cathy', 'catherine', 'kathryn', 'kat', 'kitty'],
  anthony: ['tony'],
  christopher: ['chris', 'kit'],
  david: ['dave', 'davy'],
  daniel: ['dan', 'danny'],
  joseph: ['joe', 'joey'],
  samuel: ['sam', 'sammy'],
  stephen: ['steve', 'steven', 'stevie'],
  andrew: ['andy', 'drew'],
  matthew: ['matt'],
  nicholas: ['nick', 'nicky'],
  patricia: ['patty', 'trish', 'tricia'],
  patrick: ['pat', 'paddy'],
  susan: ['sue', 'suzy', 'susie'],
  jennifer: ['jen', 'jenny'],
  alexander: ['alex', 'sandy', 'xander'],
  alexandra: ['alexa', 'lexi'],
  benjamin: ['ben', 'benny'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  charles: ['charlie', 'chuck', 'chas'],
  gregory: ['greg'],
  lawrence: ['larry', 'laurence'],
  frederick: ['fred', 'freddie'],
  henry: ['hank', 'harry'],
  deborah: ['deb', 'debbie'],
  rebecca: ['becky', 'becca'],
  victoria: ['vicky', 'tori'],
  jessica: ['jess', 'jessie'],
  timothy: ['tim', 'timmy'],
  kenneth: ['ken', 'kenny'],
  ronald: ['ron', 'ronnie'],
  donald: ['don', 'donnie'],
  raymond: ['ray'],
  gerald: ['gerry', 'jerry'],
  jacob: ['jake'],
  joshua: ['josh'],
  zachary: ['zach', 'zack'],
  nathan: ['nate', 'nathaniel'],
  abigail: ['abby'],
  allison: ['ally', 'allie', 'alison'],
  amanda: ['mandy'],
  barbara: ['barb', 'babs'],
  cynthia: ['cindy'],
  dorothy: ['dot', 'dottie'],
  eleanor: ['ellie', 'nora'],
  josephine: ['josie'],
  judith: ['judy'],
  kimberly: ['kim'],
  pamela: ['pam'],
  sandra: ['sandi'],
  theresa: ['terry', 'tess', 'teresa'],
  valerie: ['val'],
  walter: ['walt'],
  francis: ['frank', 'frankie'],
  isabella: ['bella', 'izzy', 'isabel'],
  philip: ['phil', 'phillip'],
  douglas: ['doug'],
  leonard: ['leo', 'len', 'lenny'],
  albert: ['al', 'bert'],
  jose: ['pepe'],
  francisco: ['paco', 'pancho'],
  alejandro: ['alex', 'ale'],
  charlotte: ['lottie', 'lotte', 'charlie'],
  johannes: ['jan', 'hans', 'johan'],
  willem: ['wim'],
  samantha: ['sam', 'sammie'],
  susanna: ['sue', 'susie'],
  maria: ['mary', 'marie'],
};

const CANONICAL = new Map<string, string>();
/** Every formal name a nickname can stand for ("alex" → alexander, alejandro). */
const FORMAL = new Map<string, string[]>();
for (const [name, nicks] of Object.entries(GROUPS)) {
  if (!CANONICAL.has(name)) CANONICAL.set(name, name);
  FORMAL.set(name, [...(FORMAL.get(name) ?? []), name]);
  for (const n of nicks) {
    if (!CANONICAL.has(n)) CANONICAL.set(n, name);
    FORMAL.set(n, [...(FORMAL.get(n) ?? []), name]);
  }
}

/** The canonical form of a lower-cased first name ("bob" → "robert"); the name itself otherwise. */
export function canonicalFirstName(name: string): string {
  return CANONICAL.get(name) ?? name;
}

/** True when two different first names can be the same person's ("alex"/"alejandro", "bob"/"robert"). */
export function sameFirstName(a: string, b: string): boolean {
  if (a === b) return true;
  const x = FORMAL.get(a);
  const y = FORMAL.get(b);
  if (!x || !y) return false;
  for (const n of x) if (y.includes(n)) return true;
  return false;
}

/** Every nickname with its canonical name ("bob" → "robert"), for exports that map names in SQL. */
export function nicknamePairs(): Array<[string, string]> {
  return [...CANONICAL].filter(([nick, name]) => nick !== name);
}
