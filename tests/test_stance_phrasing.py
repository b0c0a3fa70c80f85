"""The stance step on the many ways reporters phrase a stance (hand-written sentences).

Each case is a short page of my own, written in the shapes that wire, broadsheet and
regional outlets use for Iranian, Israeli and US officials: stance verbs and idioms, judgements,
threats by their outcome, doors to diplomacy, attributions before, inside and after the
clause, titles and pronouns as holders, and public or private settings. The expected holder,
topic, stance and channel come from reading the sentence. The whole set runs through the real
pipeline (corpus, actors, quotes, stance) once.

A case expects ``(actor_id, topic, stance, channel)``; ``channel=None`` leaves the channel
unchecked; ``stance="none"`` means the actor gets no record on that topic, ``"not:favor"``
no record of that stance.
"""

from __future__ import annotations

import pytest

from helpers import stance as st
from helpers.actors import find_mentions
from helpers.corpus import load_corpus
from helpers.quotes import find_quotes

W, T = "war_with_israel", "talks_with_us"
APRIL_2025 = "April 20, 2025"
AUGUST_2024 = "August 12, 2024"

# (body, actor, topic, stance, channel[, date]); paragraphs are separated by blank lines
CASES = [
    # ---- threats and vows of retaliation
    ("Iran's Supreme Leader Ali Khamenei vowed on Sunday that Israel would be severely "
     "punished for the strike on the consulate.", "khamenei", W, "favor", None),
    ("IRGC commander Hossein Salami warned that any aggression against Iranian soil will be "
     "met with a crushing response.", "salami", W, "favor", None),
    ("Israel will pay a heavy price for its crimes, Ghalibaf told lawmakers in an open "
     "session of parliament.", "ghalibaf", W, "favor", "public"),
    ("Foreign Ministry spokesman Esmaeil Baghaei told a weekly press conference that Tehran "
     "reserves the right to respond to the Israeli attack at a time of its choosing.",
     "baghaei", W, "favor", "public"),
    ("Pezeshkian said Iran would defend itself against any aggression by the Zionist regime.",
     "pezeshkian", W, "favor", None),
    ("Netanyahu said Israel would strike back hard if Iran fired missiles at it again.",
     "netanyahu", W, "favor", None),
    ("Salami said the Zionist enemy would receive a regret-inducing answer for the killing "
     "of the commanders.", "salami", W, "favor", None),
    ("The Leader said the aggression against Iran's territory will not go unanswered.",
     "khamenei", W, "favor", None),
    ("Khamenei told a gathering of air force commanders that the Zionist regime must be "
     "punished.", "khamenei", W, "favor", None),
    ("Bagheri warned that Israel would face a harsh response if it attacked Iranian "
     "territory.", "bagheri", W, "favor", None),
    ("In a televised address, Pezeshkian pledged that Iran would avenge the killing of its "
     "commanders.", "pezeshkian", W, "favor", "public"),
    ("Ghalibaf demanded a deterrent response to the assassination of the Hamas leader.",
     "ghalibaf", W, "favor", None),
    ("Pezeshkian defended retaliation against Israel as a legal right, according to state "
     "media.", "pezeshkian", W, "favor", "public"),
    ("Israel's defence minister said the army would keep striking Iranian targets until the "
     "threat was removed.", "katz", W, "favor", None),
    ("Netanyahu vowed to act against Iran with full force.", "netanyahu", W, "favor", None),
    ("Bagheri said Iran would not remain silent in the face of Israeli aggression.",
     "bagheri", W, "favor", None),
    ("Khamenei said the Zionist regime had made a mistake and it should be punished.",
     "khamenei", W, "favor", None),
    ("The IRGC said in a statement that its response to the attack would be decisive and "
     "regret-inducing.", "irgc", W, "favor", "public"),
    ("Qaani said the resistance would make Israel pay for its crimes in Gaza and Lebanon.",
     "qaani", W, "favor", None),
    ("Iran will hit back harder if Israel attacks again, Hajizadeh said.",
     "hajizadeh", W, "favor", None),
    ("Iran is determined to punish the aggressor, Baghaei said at his weekly news "
     "conference.", "baghaei", W, "favor", "public"),
    ("Netanyahu warned Tehran that Israel would respond with force to any attack.",
     "netanyahu", W, "favor", None),
    ("Israel's defence minister vowed that Iran would pay a heavy price for the missile "
     "barrage.", "katz", W, "favor", None),
    ("Netanyahu told the Knesset that Israel would strike Iran again if necessary.",
     "netanyahu", W, "favor", "public"),
    ("Khamenei said in a message read on state television that the response to Israel "
     "would be decisive.", "khamenei", W, "favor", "public"),
    ("Khamenei said the Zionist regime's crimes would not go unpunished.",
     "khamenei", W, "favor", None),
    ("Bagheri said Iran's armed forces were on full alert and ready to respond to any "
     "attack.", "bagheri", W, "favor", None),
    ("Araghchi said Iran would respond proportionately to any Israeli aggression.",
     "araghchi", W, "favor", None),
    ("Defence Minister Israel Katz said the Israeli air force was ready to strike Iran's oil facilities.",
     "katz", W, "favor", None),
    ("The IRGC vowed revenge for the killing of its generals in the Israeli strike.",
     "irgc", W, "favor", None),
    ("Salami, addressing a ceremony in Tehran, said the enemy would regret its aggression.",
     "salami", W, "favor", "public"),
    ("Addressing a rally in Tehran, Ghalibaf vowed revenge against Israel.",
     "ghalibaf", W, "favor", "public"),
    ("Salami threatened to teach the Zionist regime an unforgettable lesson.",
     "salami", W, "favor", None),
    ("Netanyahu said Israel would keep hitting Iran's military sites and would not back "
     "down.", "netanyahu", W, "favor", None),
    ("Khamenei said Iran would not hesitate to retaliate against Israel.",
     "khamenei", W, "favor", None),
    ("Ghalibaf said Iran considered itself entitled to defend itself against the Israeli "
     "attack.", "ghalibaf", W, "favor", None),
    ("Iran's ambassador to the UN, Amir Saeid Iravani, said Tehran reserved the right to "
     "respond resolutely to any Israeli threat.", "iravani", W, "favor", None),
    ("Salami said Israel was digging its own grave and would soon receive a painful blow.",
     "salami", W, "favor", None),
    ("Defence Minister Israel Katz threatened to strike Tehran again with greater force.", "katz", W, "favor", None),
    ("The Israeli prime minister said Iran had made a big mistake and would pay for it.",
     "netanyahu", W, "favor", None),
    # ---- restraint, de-escalation, avoiding war
    ("Iran does not seek war with Israel but will not hesitate to defend itself, President "
     "Masoud Pezeshkian said.", "pezeshkian", W, "against", None),
    ("Iran's top diplomat, Abbas Araghchi, said Tehran had no interest in a wider war with "
     "Israel.", "araghchi", W, "against", None),
    ("The fighting between Iran and Israel entered its fifth day.\n\nAraghchi called for an "
     "immediate end to the fighting.", "araghchi", W, "against", None),
    ("Pezeshkian urged restraint on all sides in a phone call with Macron about Israel.",
     "pezeshkian", W, "against", "public"),
    ("Pezeshkian said Iran did not want a regional war.", "pezeshkian", W, "against", None),
    ("Pezeshkian told his cabinet that Iran must avoid being drawn into a wider war.",
     "pezeshkian", W, "against", None),
    ("Speaking on condition of anonymity, two Iranian officials said the president had "
     "privately argued against a direct strike on Israel.", "pezeshkian", W, "against",
     "private"),
    ("According to three people familiar with the discussions, Pezeshkian pressed the "
     "security council to delay any retaliation against Israel.", "pezeshkian", W, "against",
     "private"),
    ("Iran's foreign minister told his Saudi counterpart in a phone call that Tehran sought "
     "to de-escalate tensions with Israel.", "araghchi", W, "against", "public"),
    ("Pezeshkian welcomed the ceasefire between Iran and Israel.", "pezeshkian", W, "against",
     None),
    ("Mohajerani said Iran would not initiate a war but would defend its people against "
     "Israel.", "mohajerani", W, "against", None),
    ("Araghchi said that dragging the conflict into the Gulf would be a strategic mistake.",
     "araghchi", W, "against", None),
    ("Araghchi told CNN in an interview that Iran was not seeking a war with Israel.",
     "araghchi", W, "against", "public"),
    ("In an interview with NBC, Zarif said Iran did not want war with Israel.",
     "zarif", W, "against", "public"),
    ("Pezeshkian wrote on X that Iran would never seek war with Israel.",
     "pezeshkian", W, "against", "public"),
    ("Behind closed doors, Khamenei has told senior commanders to avoid a direct "
     "confrontation with Israel, two officials said.", "khamenei", W, "against", "private"),
    ("A readout from the president's office said Pezeshkian called for an immediate "
     "ceasefire between Iran and Israel.", "pezeshkian", W, "against", "public"),
    ("Trump told reporters at the White House that he did not want a war with Iran.",
     "trump", W, "against", "public"),
    ("Pezeshkian warned that a wider war in the region would benefit no one.",
     "pezeshkian", W, "against", None),
    ("Araghchi said Iran was not after intensifying tensions with Israel.",
     "araghchi", W, "against", None),
    ("Pezeshkian said Tehran had shown restraint towards Israel for weeks to give the Gaza "
     "ceasefire talks a chance.", "pezeshkian", W, "against", None),
    ("Araghchi said Iran would halt its strikes on Israel if the attacks on its soil "
     "stopped.", "araghchi", W, "against", None),
    ("Pezeshkian cautioned against any step that could ignite a wider conflict with "
     "Israel.", "pezeshkian", W, "against", None),
    ("Zarif said a war with Israel would be catastrophic for the whole region.",
     "zarif", W, "against", None),
    ("Pezeshkian appealed for calm after the Israeli strikes on the capital.",
     "pezeshkian", W, "against", None),
    # ---- talks: refusals and judgements
    ("Khamenei said talks with America would solve none of Iran's problems.",
     "khamenei", T, "against", None),
    ("The Leader described negotiations with the US as reckless and unintelligent.",
     "khamenei", T, "against", None),
    ("We will not negotiate under pressure and threats, Araghchi told reporters in Tehran "
     "about the US demands.", "araghchi", T, "against", "public"),
    ("\"We will not negotiate with the Americans under pressure,\" Araghchi told reporters.",
     "araghchi", T, "against", "public"),
    ("Pezeshkian said there was no point in talking to the Americans while they imposed new "
     "sanctions.", "pezeshkian", T, "against", None),
    ("Ghalibaf ruled out any negotiations with the Trump administration.",
     "ghalibaf", T, "against", None),
    ("The government spokeswoman said talks with the US become meaningless when maximum "
     "pressure is in force.", "mohajerani", T, "against", None),
    ("Tehran rejected direct negotiations with the United States, Iran's president said.",
     "pezeshkian", T, "against", None),
    ("Araghchi dismissed the idea of direct talks with Washington.",
     "araghchi", T, "against", None),
    ("Speaking to state television, Pezeshkian said Iran would not enter negotiations "
     "conducted under threats from the US.", "pezeshkian", T, "against", "public"),
    ("Khamenei said in a speech that the US offer of talks was a deception.",
     "khamenei", T, "against", "public"),
    ("Salami said negotiating with America would be a humiliation for the nation.",
     "salami", T, "against", None),
    ("Khamenei told air force commanders that Iran would not be pushed into talks by "
     "threats from America.", "khamenei", T, "against", None),
    ("The Leader said that hopes pinned on negotiations with America were misplaced.",
     "khamenei", T, "against", None),
    ("The talks with the US are a trap, the Leader said.", "khamenei", T, "against", None),
    ("Iran will never negotiate with America under the shadow of threats, the parliament "
     "speaker told state TV.", "ghalibaf", T, "against", "public"),
    ("Khamenei, in a speech marking the Persian new year, rejected negotiations with the "
     "United States.", "khamenei", T, "against", "public"),
    ("Khamenei addressed a crowd in Mashhad.\n\nHe said negotiating with the US would not "
     "lift the sanctions.", "khamenei", T, "against", None),
    ("At a press conference in Tehran, Baghaei said Iran would not negotiate directly with "
     "Washington.", "baghaei", T, "against", "public"),
    ("Ghalibaf condemned the talks with Washington as a betrayal of the martyrs.",
     "ghalibaf", T, "against", None),
    ("Netanyahu opposed any deal between Washington and Tehran that allowed enrichment.",
     "netanyahu", T, "against", None),
    ("Khamenei warned the government against negotiating with Washington.",
     "khamenei", T, "against", None),
    ("Iran's Supreme Leader forbade officials from holding direct talks with the United "
     "States.", "khamenei", T, "against", None),
    ("Baghaei said Tehran saw no reason to talk with Washington while threats continued.",
     "baghaei", T, "against", None),
    ("At a closed-door session of parliament, Ghalibaf warned lawmakers against any talks "
     "with the US.", "ghalibaf", T, "against", "private"),
    ("Khamenei told a closed-door meeting of senior officials that he would not allow direct "
     "talks with America.", "khamenei", T, "against", "private"),
    ("Khamenei: no negotiations with America under pressure. The Leader spoke to students "
     "in Tehran on Wednesday.", "khamenei", T, "against", None),
    ("Pezeshkian said Iran would not sit at the table with the Americans while they "
     "threatened it.", "pezeshkian", T, "against", None),
    ("Araghchi said there was no basis for fair negotiations with the Trump "
     "administration.", "araghchi", T, "against", None),
    ("Khamenei said negotiating with such a government was not wise or honourable and "
     "would not benefit the country, referring to Washington.", "khamenei", T, "against",
     None),
    ("Ghalibaf said talks with Washington were pointless as long as sanctions remained.",
     "ghalibaf", T, "against", None),
    # ---- talks: readiness, approval, doors
    ("Araghchi said Iran was prepared to hold indirect talks with the United States through "
     "Oman.", "araghchi", T, "favor", None),
    ("Iran remains open to indirect negotiations with Washington, the foreign minister told "
     "the Tasnim news agency.", "araghchi", T, "favor", "public"),
    ("Baghaei said the door to diplomacy with Washington had not been closed.",
     "baghaei", T, "favor", None),
    ("Araghchi left the door open to a new agreement with Washington.",
     "araghchi", T, "favor", None),
    ("Mohajerani told reporters that Iran has always kept the door open for negotiations "
     "with the US.", "mohajerani", T, "favor", "public"),
    ("Khamenei gave the negotiating team his blessing to pursue indirect talks with the "
     "Americans.", "khamenei", T, "favor", None),
    ("The Supreme Leader endorsed the talks with Washington in a meeting with officials.",
     "khamenei", T, "favor", None),
    ("Trump said he would prefer a deal with Iran to bombing it.", "trump", T, "favor",
     None),
    ("Witkoff expressed hope that a deal with Tehran could be reached within weeks.",
     "witkoff", T, "favor", None),
    ("Rubio said Washington was ready to talk to Iran at any time.", "rubio", T, "favor",
     None),
    ("Iran's top diplomat: talks with Washington possible if sanctions are lifted.",
     "araghchi", T, "favor", None),
    ("Araghchi: Iran ready for indirect talks with Washington via Oman.", "araghchi", T,
     "favor", None),
    ("According to Araghchi, Iran is ready for a fair deal with Washington.",
     "araghchi", T, "favor", None),
    ("In remarks carried by IRNA, Pezeshkian said Tehran had not closed the path to dialogue "
     "with Washington.", "pezeshkian", T, "favor", "public"),
    ("Pezeshkian met with Omani officials on Tuesday.\n\nHe said Iran was ready to negotiate "
     "with the Americans through Muscat.", "pezeshkian", T, "favor", None),
    ("Khamenei signalled that Iran could engage with Washington if the talks were "
     "indirect.", "khamenei", T, "favor", None),
    ("Iran's president expressed readiness to engage in dialogue with the United States "
     "based on mutual respect.", "pezeshkian", T, "favor", None),
    ("Araghchi wrote on X that Iran sought a fair and balanced agreement with the United "
     "States.", "araghchi", T, "favor", "public"),
    ("Vance said the administration wanted a deal with Iran but would not wait forever.",
     "vance", T, "favor", None),
    ("Trump said in a Truth Social post that Iran must come back to the table.",
     "trump", T, "favor", "public"),
    ("Ghalibaf said parliament would back any deal with Washington that lifted sanctions.",
     "ghalibaf", T, "favor", None),
    ("Pezeshkian stressed Iran's commitment to diplomacy with the United States.",
     "pezeshkian", T, "favor", None),
    ("Araghchi said Tehran would give diplomacy a genuine chance in Muscat with the "
     "Americans.", "araghchi", T, "favor", None),
    ("Pezeshkian hailed the indirect talks with the US as a positive step.",
     "pezeshkian", T, "favor", None),
    ("Araghchi described the latest round of talks with the Americans as constructive.",
     "araghchi", T, "favor", None),
    ("The foreign minister signalled Tehran's willingness to resume indirect talks with the "
     "US.", "araghchi", T, "favor", None),
    ("Khamenei backed Pezeshkian's call for talks with Washington in a speech on Friday.",
     "khamenei", T, "favor", "public"),
    ("Araghchi said the talks with the US had been useful and would continue next week.",
     "araghchi", T, "favor", None),
    ("Pezeshkian privately told aides that he favoured direct talks with Washington, "
     "according to two officials familiar with his thinking.", "pezeshkian", T, "favor",
     "private"),
    ("In a leaked letter to the Supreme Leader, Araghchi urged him to authorise indirect "
     "talks with the Americans.", "araghchi", T, "favor", "private"),
    ("Iranian officials, speaking on condition of anonymity, said Khamenei had approved "
     "indirect talks with Washington.", "khamenei", T, "favor", "private"),
    ("Two people familiar with the matter said Araghchi had privately assured the Omanis "
     "that Iran was serious about a deal with the US.", "araghchi", T, "favor", "private"),
    ("Pezeshkian sent a secret message to Washington offering to resume negotiations.",
     "pezeshkian", T, "favor", "private"),
    ("Araghchi said Iran was willing to return to the negotiating table with Washington.",
     "araghchi", T, "favor", None),
    ("Pezeshkian said Iran would pursue fair and equitable negotiations with the United "
     "States.", "pezeshkian", T, "favor", None),
    ("Araghchi said a deal with Washington was within reach.", "araghchi", T, "favor",
     None),
    ("Baghaei said Iran was giving diplomacy with the US a genuine chance.",
     "baghaei", T, "favor", None),
    ("Araghchi expressed optimism about the next round of talks with Witkoff.",
     "araghchi", T, "favor", None),
    ("Pezeshkian voiced support for the indirect negotiations with the Americans.",
     "pezeshkian", T, "favor", None),
    ("Khamenei said he was not opposed to indirect talks with America.",
     "khamenei", T, "favor", None),
    # ---- longer report shapes: quoted-as-saying, offices, ages, dates, pronouns, channels
    ("Araghchi was quoted by the Tasnim news agency as saying that Iran would not negotiate "
     "directly with Washington.", "araghchi", T, "against", "public"),
    ("Khamenei was cited by state media as saying that Israel would be punished for the "
     "assassination.", "khamenei", W, "favor", "public"),
    ("Netanyahu's office said in a statement that Israel would respond forcefully to the "
     "Iranian missile attack.", "netanyahu", W, "favor", "public"),
    ("Supreme Leader Ayatollah Ali Khamenei on Wednesday ruled out direct negotiations with "
     "the United States.", "khamenei", T, "against", None),
    ("Khamenei, 85, said the Zionist regime would receive a crushing blow.",
     "khamenei", W, "favor", None),
    ("Iranian President Masoud Pezeshkian on Monday ordered officials to pursue indirect "
     "talks with Washington.", "pezeshkian", T, "favor", None),
    ("Speaking at a ceremony in Tehran, the president said Iran was ready for a fair deal "
     "with the United States.", "pezeshkian", T, "favor", "public"),
    ("Pezeshkian met Guterres in New York on Tuesday.\n\nHe said Iran did not seek a war "
     "with Israel.", "pezeshkian", W, "against", None),
    ("Mohajerani spoke to reporters after the cabinet meeting.\n\nShe said Iran had no "
     "intention of leaving the path of diplomacy with Washington.", "mohajerani", T, "favor",
     None),
    ("Mohajerani told a press briefing that Tehran would answer any Israeli aggression.",
     "mohajerani", W, "favor", "public"),
    ("Iran will not allow the enemy's aggression to go unanswered, Salami said.",
     "salami", W, "favor", None),
    ("Ghalibaf said the time for talks with Washington had passed.", "ghalibaf", T,
     "against", None),
    ("Salami said Iran had no choice but to respond to the Israeli attack.", "salami", W,
     "favor", None),
    ("Salami said Iran's response to Israel was certain.", "salami", W, "favor", None),
    ("Khamenei on Friday spurned the US offer of negotiations, days after the letter "
     "reached Tehran.", "khamenei", T, "against", None),
    ("Ghalibaf poured cold water on hopes for a deal with Washington.", "ghalibaf", T,
     "against", None),
    ("Khamenei expressed scepticism about negotiations with the Americans.", "khamenei", T,
     "against", None),
    ("Pezeshkian threw his weight behind the indirect talks with Washington.",
     "pezeshkian", T, "favor", None),
    ("Khamenei slammed the door on negotiations with the Trump administration.",
     "khamenei", T, "against", None),
    ("Araghchi said Iran was not interested in direct talks with the US.", "araghchi", T,
     "against", None),
    ("Pezeshkian refused to rule out talks with the Americans.", "pezeshkian", T, "favor",
     None),
    ("Ghalibaf told a closed session of parliament that Iran would respond to any Israeli "
     "attack.", "ghalibaf", W, "favor", "private"),
    ("According to a transcript seen by Reuters, Khamenei told commanders that Iran would "
     "avoid a direct war with Israel.", "khamenei", W, "against", "private"),
    ("A senior official close to the Supreme Leader said Khamenei had privately backed the "
     "talks with Washington.", "khamenei", T, "favor", "private"),
    ("In a message to the nation, Khamenei vowed that the Israeli crimes would not go "
     "unpunished.", "khamenei", W, "favor", "public"),
    ("In his Friday sermon, Ahmad Khatami vowed revenge against Israel.", "ahmad_khatami", W,
     "favor", "public"),
    ("Pezeshkian called for \"maximum restraint\" after the Israeli strikes.",
     "pezeshkian", W, "against", None),
    ("Araghchi said negotiations with Washington were the only way forward.", "araghchi", T,
     "favor", None),
    ("The spokesman Esmaeil Baghaei said Tehran saw no need for direct talks with the "
     "US.", "baghaei", T, "against", None),
    ("Khamenei posted on X that the Zionist regime would regret its crime.", "khamenei", W,
     "favor", "public"),
    ("Trump, speaking in the Oval Office, said he hoped to reach a deal with Iran soon.",
     "trump", T, "favor", "public"),
    ("Netanyahu said Israel would do whatever it takes to stop Iran and would strike again "
     "if needed.", "netanyahu", W, "favor", None),
    ("Araghchi told his Omani counterpart that Iran was committed to diplomacy with the "
     "United States.", "araghchi", T, "favor", None),
    ("Pezeshkian said Iran would continue the indirect negotiations with the Americans.",
     "pezeshkian", T, "favor", None),
    ("Araghchi reiterated Iran's readiness for talks with the US on the nuclear file.",
     "araghchi", T, "favor", None),
    ("Araghchi made clear that Iran would not give up its right to respond to Israeli "
     "aggression.", "araghchi", W, "favor", None),
    ("Netanyahu said in a video message that Iran would be crushed if it attacked Israel "
     "again.", "netanyahu", W, "favor", "public"),
    ("Qaani, the commander of the Quds Force, said the resistance would continue its "
     "attacks on Israel.", "qaani", W, "favor", None),
    ("\"We have no desire for war,\" Pezeshkian told reporters, \"but we will defend our "
     "country against Israel.\"", "pezeshkian", W, "against", "public"),
    ("\"Any aggression will be met with a decisive response,\" the IRGC commander said of "
     "the Israeli threats.", "salami", W, "favor", None),
    ("Araghchi, Iran's top negotiator, signalled that Tehran could accept a limited deal "
     "with Washington.", "araghchi", T, "favor", None),
    ("Khamenei said Iran would not bow to pressure and would never hold direct talks with "
     "America.", "khamenei", T, "against", None),
    ("Ghalibaf warned Washington that Iran would retaliate against US bases if Israel "
     "attacked.", "ghalibaf", W, "favor", None),
    ("Rubio told Fox News that the United States was open to talks with Iran.", "rubio", T,
     "favor", "public"),
    ("Pezeshkian told state television that Iran's door to negotiations with the US was "
     "still open.", "pezeshkian", T, "favor", "public"),
    # ---- a third set, written freely: quotes over sentences, postposed titles, headlines
    ("\"The Americans must understand that threats will get them nowhere. We will not sit "
     "down with them,\" Khamenei said on Wednesday.", "khamenei", T, "against", None),
    ("\"Our armed forces are ready. Any mistake by the Zionists will be answered with "
     "force,\" the armed forces chief of staff, Mohammad Bagheri, said.", "bagheri", W,
     "favor", None),
    ("Iran has no plan to attack Israel, the president told NBC News in an interview "
     "aired on Sunday.", "pezeshkian", W, "against", "public"),
    ("Indirect talks with Washington are possible, the foreign minister said, but only "
     "through Oman.", "araghchi", T, "favor", None),
    ("Tehran wants a deal with Washington that respects its rights, Araghchi wrote in an "
     "op-ed for the Washington Post.", "araghchi", T, "favor", "public"),
    ("Pezeshkian has repeatedly said that Iran does not want to escalate the conflict "
     "with Israel.", "pezeshkian", W, "against", None),
    ("Araghchi arrived in Muscat on Saturday morning for the talks with the American "
     "delegation.\n\n\"We are here to reach a fair "
     "agreement with the American side,\" he told state TV.", "araghchi", T, "favor",
     "public"),
    ("Netanyahu vowed on Tuesday to exact a heavy price from Iran for the missile "
     "barrage.", "netanyahu", W, "favor", None),
    ("Khamenei warned that negotiating with America would only embolden Washington.",
     "khamenei", T, "against", None),
    ("The Leader urged the government not to trust the Americans in any negotiation.",
     "khamenei", T, "against", None),
    ("Pezeshkian called on Washington to return to the negotiating table and lift "
     "sanctions.", "pezeshkian", T, "favor", None),
    ("Araghchi said Tehran was weighing a US proposal for a new round of talks.",
     "araghchi", T, "favor", None),
    ("The IRGC spokesman said Iran's missiles were ready to hit Israel at any moment.",
     "irgc", W, "not:against", None),
    ("Hajizadeh told state television that Iran would launch a wave of missiles at Israel "
     "if it attacked again.", "hajizadeh", W, "favor", "public"),
    ("Netanyahu said he would not let Iran obtain a nuclear weapon and that Israel would "
     "act alone if necessary.", "netanyahu", W, "favor", None),
    ("Pezeshkian said the Islamic Republic would never beg Washington for talks.",
     "pezeshkian", T, "against", None),
    ("Ghalibaf said Iran would only negotiate with the US from a position of strength.",
     "ghalibaf", T, "favor", None),
    ("Khamenei said there would be no war and no negotiations with America.",
     "khamenei", T, "against", None),
    ("Araghchi signalled Iran would keep talking to the Americans despite the strikes.",
     "araghchi", T, "favor", None),
    ("Pezeshkian said Iran's response to Israel would be measured and would not target "
     "civilians.", "pezeshkian", W, "favor", None),
    ("Defence Minister Israel Katz warned in a post on X that Tehran would burn if Iran fired more missiles at "
     "Israel.", "katz", W, "favor", "public"),
    ("Pezeshkian told Macron by phone that the continuation of Israeli crimes could drag "
     "the whole region into war.", "pezeshkian", W, "not:favor", None),
    # ---- August 2024, after the killing of Haniyeh in Tehran (the date resolves titles)
    ("The president told the French leader that Iran would respond to the assassination "
     "of Haniyeh in accordance with international law.", "pezeshkian", W, "favor", None,
     AUGUST_2024),
    ("Iran's acting foreign minister Ali Bagheri Kani said Tehran's response to the "
     "Israeli crime was inevitable.", "bagheri_kani", W, "favor", None, AUGUST_2024),
    ("Kanaani told his weekly news conference that Iran did not seek to escalate tensions "
     "in the region but would punish the aggressor.", "kanaani", W, "against", "public",
     AUGUST_2024),
    ("According to two Iranian officials, the Supreme Leader has ordered a direct strike on "
     "Israel in retaliation for the killing.", "khamenei", W, "favor", "private",
     AUGUST_2024),
    ("Pezeshkian, in a phone call with Starmer, defended Iran's right to punish the "
     "aggressor.", "pezeshkian", W, "favor", "public", AUGUST_2024),
    ("Salami said the Zionist regime would receive its punishment at the appropriate "
     "time.", "salami", W, "favor", None, AUGUST_2024),
    ("The Guards said in a statement that the Zionist regime would receive a harsh "
     "punishment at the right time and place.", "irgc", W, "favor", "public", AUGUST_2024),
    ("Starmer told Pezeshkian there was a serious risk of miscalculation and urged Iran to "
     "refrain from attacking Israel.", "starmer", W, "against", None, AUGUST_2024),
    ("Blinken said the United States was working around the clock to de-escalate the "
     "crisis between Iran and Israel.", "blinken", W, "against", None, AUGUST_2024),
    ("Pezeshkian said Iran would never abandon its right to retaliate against Israel.",
     "pezeshkian", W, "favor", None, AUGUST_2024),
    # ---- more of 2025, written freely
    ("Iran's supreme leader said on Friday that talking to Washington was pointless, in "
     "remarks published on his official website.", "khamenei", T, "against", "public"),
    ("Speaking to state TV, Araghchi said Iran would respond to any US attack on its "
     "nuclear sites but still preferred a negotiated solution.", "araghchi", T, "favor",
     "public"),
    ("Trump said he had given Iran's leaders a deadline to come to the table.", "trump", T,
     "favor", None),
    ("Witkoff told Fox News that the US wanted a verifiable deal with Tehran.", "witkoff",
     T, "favor", "public"),
    ("Rubio said the administration would not negotiate with Iran forever and that other "
     "options remained on the table.", "rubio", T, "not:favor", None),
    ("The Iranian foreign minister rejected the American demand for direct talks as "
     "unacceptable.", "araghchi", T, "against", None),
    ("Pezeshkian said Iran had chosen the path of dialogue with the United States.",
     "pezeshkian", T, "favor", None),
    ("Ghalibaf accused Washington of using the talks to buy time and said parliament "
     "opposed further negotiations.", "ghalibaf", T, "against", None),
    ("Baghaei said the next round of indirect talks with the US would be held in Rome.",
     "baghaei", T, "none", None),
    ("Khamenei said he was neither optimistic nor pessimistic about the talks with "
     "America.", "khamenei", T, "not:against", None),
    # ---- from Israel's side the war is named by Iran
    ("Netanyahu vowed on Sunday to hit Tehran hard in the coming days, his office said.",
     "netanyahu", W, "favor", None),
    ("Defence Minister Israel Katz threatened to strike the Revolutionary Guards again.",
     "katz", W, "favor", None),
    ("Netanyahu said he would meet Trump in Washington to discuss Iran's nuclear programme.",
     "netanyahu", W, "none", None),
    # ---- a fifth set: possessive nouns, passives, hints, narrative clauses
    ("Khamenei's approval of indirect talks with Washington surprised many in Tehran.",
     "khamenei", T, "favor", None),
    ("Direct talks with the United States were ruled out by the Supreme Leader.",
     "khamenei", T, "against", None),
    ("Araghchi did not rule out a meeting with Witkoff in the coming weeks.", "araghchi", T,
     "favor", None),
    ("Pezeshkian left open the possibility of direct talks with Washington.", "pezeshkian",
     T, "favor", None),
    ("Araghchi hinted at a readiness to meet US officials directly.", "araghchi", T,
     "favor", None),
    ("Khamenei's remarks suggested he was willing to allow talks with the Americans.",
     "khamenei", T, "favor", None),
    ("Iran's president said on Sunday, as the delegations gathered in Muscat, that Tehran "
     "wanted the talks with the US to succeed.", "pezeshkian", T, "favor", None),
    ("While Washington pressed for direct talks, Araghchi insisted the negotiations remain "
     "indirect.", "araghchi", T, "favor", None),
    ("The Israeli premier said Israel would not sit idly by while Iran rebuilt its missile "
     "sites.", "netanyahu", W, "favor", None),
    ("The US president said he would rather make a deal with Tehran than go to war.",
     "trump", T, "favor", None),
    ("Khamenei reiterated that the Islamic Republic would respond firmly to any aggression "
     "by Israel.", "khamenei", W, "favor", None),
    ("Araghchi has made clear that Iran will not negotiate over its missile programme with "
     "the US.", "araghchi", T, "against", None),
    ("Baghaei said Iran had agreed to a new round of indirect talks with the United States "
     "in Oman.", "baghaei", T, "favor", None),
    ("Pezeshkian's government has signalled an openness to dialogue with Washington.",
     "pezeshkian", T, "favor", None),
    ("Salami added that the enemy would receive a response it could not imagine.", "salami",
     W, "favor", None),
    ("Khamenei told the crowd that Israel's crimes would be avenged.", "khamenei", W,
     "favor", "public"),
    ("Netanyahu ordered the military to prepare a response to the Iranian attack.",
     "netanyahu", W, "favor", None),
    ("Vance told reporters the administration still hoped for a diplomatic solution with "
     "Iran.", "vance", T, "favor", "public"),
    ("Pezeshkian said it was in Iran's interest to reach an agreement with the US.",
     "pezeshkian", T, "favor", None),
    ("Ghalibaf said that negotiating with Trump would be a waste of time.", "ghalibaf", T,
     "against", None),
    ("Khamenei said the Americans could not be trusted and that talks with them were "
     "useless.", "khamenei", T, "against", None),
    ("The foreign ministry spokesman rejected Trump's call for direct negotiations as a "
     "publicity stunt.", "baghaei", T, "against", None),
    ("Iran does not seek nuclear weapons and is ready for talks with the US, Pezeshkian "
     "told the UN General Assembly.", "pezeshkian", T, "favor", "public"),
    ("Araghchi warned the Europeans that triggering the snapback would end diplomacy with "
     "Washington as well.", "araghchi", T, "not:against", None),
    ("Pezeshkian said Iran would respond to the letter from Trump through diplomatic "
     "channels.", "pezeshkian", W, "none", None),
    # ---- a sixth set: deterrent action, benefits, wishes, decisions
    ("Kanaani said Iran would take deterrent action against the aggressor at the right "
     "time.", "kanaani", W, "favor", None, AUGUST_2024),
    ("Khamenei said negotiations with the Americans had no benefits for the country.",
     "khamenei", T, "against", None),
    ("Trump said he hoped Iran would agree to a deal with the United States.", "trump", T,
     "favor", None),
    ("Trump said he would love to make a deal with Tehran without bombing it.", "trump", T,
     "favor", None),
    ("Bagheri said the decision to retaliate against Israel had been taken.", "bagheri", W,
     "favor", None),
    ("Salami said Iran would not tolerate any aggression against its territory.", "salami",
     W, "favor", None),
    ("Salami said Iran would take serious measures against Israel.", "salami", W, "favor",
     None),
    ("Khamenei scoffed at the idea of talks with America.", "khamenei", T, "against",
     None),
    ("Pezeshkian said he would like to resolve the dispute with the United States through "
     "dialogue.", "pezeshkian", T, "favor", None),
    ("Ghalibaf said the US wanted Iran to negotiate under threat, which Tehran would never "
     "accept.", "ghalibaf", T, "none", None),
    ("Araghchi said the decision to end the military operations against Israel had been "
     "taken.", "araghchi", W, "against", None),
    ("Pezeshkian backed calls to halt the strikes between Iran and Israel.", "pezeshkian", W,
     "against", None),
    # more that give nobody a stance on the topic
    ("Araghchi said Iran would respond to Trump's letter through Oman in the coming days.",
     "araghchi", W, "none", None),
    ("Pezeshkian said Iran was ready for talks with the European powers on its nuclear "
     "programme.", "pezeshkian", T, "none", None),
    ("Khamenei received the Omani foreign minister, who carried a message from Washington "
     "about the talks.", "khamenei", T, "none", None),
    ("Trump said Netanyahu had called him to discuss the strikes on Iran.", "netanyahu", W,
     "none", None),
    ("Iran's foreign minister said the European powers had no right to trigger the "
     "snapback of UN sanctions.", "araghchi", W, "none", None),
    # ---- nobody holds a stance for being named, urged, asked or accused
    ("Starmer urged Pezeshkian to avoid escalation with Israel.", "pezeshkian", W, "none",
     None),
    ("Trump sent a letter to Khamenei urging talks with Washington.", "khamenei", T, "none",
     None),
    ("Netanyahu accused Iran of seeking a war with Israel.", "netanyahu", W, "none", None),
    ("Araghchi was asked whether Iran would retaliate against Israel.", "araghchi", W,
     "none", None),
    ("Salami was killed in an Israeli strike on Tehran.", "salami", W, "none", None),
    ("Pezeshkian said Israel was trying to drag the region into a wider war.",
     "pezeshkian", W, "not:favor", None),
    ("Witkoff said he was still waiting for Araghchi's reply on the talks with Washington.",
     "araghchi", T, "none", None),
    ("Macron asked Pezeshkian to refrain from retaliating against Israel.", "pezeshkian", W,
     "none", None),
    ("Trump wants Khamenei to agree to a deal with the United States.", "khamenei", T,
     "none", None),
    ("Khamenei met Araghchi before he left for the talks with Witkoff in Muscat.",
     "khamenei", T, "none", None),
]

# cases the rules do not read yet (by the words a case opens with), with the reason
GAPS = {
    "Araghchi said Iran was not after": "'be after' (= seek) is not an attitude verb, and "
    "'intensifying tensions' is not an escalation word",
    "Mohajerani spoke to reporters": "'no intention of leaving the path of diplomacy': a "
    "refusal of a verb of leaving is not read (two negatives)",
    "The Leader urged the government not to trust": "distrust of a negotiating partner is "
    "not a stance cue",
    "While Washington pressed for direct talks": "insisting talks 'remain indirect' (a form "
    "of talks as the aim) is not read",
    "Araghchi warned the Europeans that triggering": "a thing that 'would end diplomacy' is "
    "read as the teller's own wish to end it, not as a warning for it",
}


LEAD = ("This page was written by hand for the tests of the stance step, in the shape of a "
        "short news report.")


def _page(number: int, body: str, date: str) -> str:
    """A page: headline, date line, a lead paragraph without stance or target words, body."""
    return f"Report number {number} on Iran\n\n{date}\n\n{LEAD}\n\n{body}\n"


@pytest.fixture(scope="module")
def stance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phrasing")
    for number, case in enumerate(CASES):
        date = case[5] if len(case) > 5 else APRIL_2025
        (folder / f"case{number:03d}.txt").write_text(_page(number, case[0], date),
                                                      encoding="utf-8")
    corpus = load_corpus(folder)
    mentions = find_mentions(corpus.sentences, corpus.articles)
    quotes = find_quotes(corpus.sentences, mentions, corpus.articles)
    frame = st.find_stances(corpus.sentences, mentions, quotes, corpus.articles)
    return frame


def _params() -> list:
    params = []
    for number, case in enumerate(CASES):
        gap = next((why for opening, why in GAPS.items() if case[0].startswith(opening)), None)
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        params.append(pytest.param(number, *case[1:5], id=f"{number:03d}-{case[1]}-{case[3]}",
                                   marks=marks))
    return params


def _read(stance, number, actor, topic, expected, channel) -> bool:
    rows = stance[(stance["article_id"] == f"case{number:03d}")
                  & (stance["actor_id"] == actor) & (stance["topic"] == topic)]
    if expected == "none":
        return rows.empty
    if expected.startswith("not:"):
        return not (rows["stance"] == expected[4:]).any()
    rows = rows[rows["stance"] == expected]
    if channel is not None:
        rows = rows[rows["channel"] == channel]
    return not rows.empty


@pytest.mark.parametrize("number, actor, topic, expected, channel", _params())
def test_a_phrasing_gives_its_reader_stance(stance, number, actor, topic, expected, channel):
    found = stance[stance["article_id"] == f"case{number:03d}"]
    assert _read(stance, number, actor, topic, expected, channel), (
        CASES[number][0], found[["actor_id", "topic", "stance", "channel", "cue"]].to_dict(
            "records"))


def test_the_cases_are_many_and_varied():
    assert len(CASES) >= 120
    assert all(any(c[0].startswith(opening) for c in CASES) for opening in GAPS)
    assert {c[2] for c in CASES} == {W, T}
    assert {c[3] for c in CASES} >= {"favor", "against", "none"}
