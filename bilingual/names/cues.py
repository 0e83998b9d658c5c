"""Words that announce a name in Arabic news: titles, place nouns, organisation nouns.

Shared by the matcher (a one-word name that is also an everyday word is read as the name only
after such a cue) and by `suggest` (the words after a cue that no glossary row covers are
candidate names). Lists are written as Arabic is spelled and compared as `normalize` folds them.
"""

from __future__ import annotations

import re

from bilingual.text.arabic import normalize


def folded(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


PERSON_CUES = folded(
    """الرئيس رئيس رئيسة الزعيم الملك الأمير الشيخ الجنرال اللواء العميد العقيد الفريق المشير
    وزير وزيرة الوزير الوزيرة نائب النائب السيناتور السفير السفيرة المبعوث المبعوثة الناطق
    الناطقة المتحدث المتحدثة المستشار المستشارة المدير المديرة الأمين القائد قائد الحاكم
    المرشد الدكتور المفوض المفوضة المدعي القاضي السيد السيدة مدير مديرة حاكم القنصل قنصل
    المدرب مدرب اللاعب لاعب النجم الكاتب الصحفي الصحافي الباحث الخبير المحلل الأستاذ
    عضو العضو القيادي الناشط الناشطة الأسير المعتقل الصحفية المراسل المراسلة المصور الفنان
    الفنانة المخرج الممثل الممثلة الروائي الشاعر الملياردير المرشح المرشحة زعيم الأميرة
    الملكة البابا الكاردينال المطران الإمام الحاخام الرئيسة النائبة السيناتورة الجنرال
    الأديب الأديبة الروائية الشاعرة الكاتبة المطرب المطربة الموسيقار المفكر المؤرخ
    الحارس المهاجم المدافع اللاعبة المدربة معالي سمو فخامة سماحة المهندس المهندسة المحامي
    المحامية البروفيسور الطبيب الداعية سفير سفيرة مستشار مستشارة متحدث متحدثة محافظ المحافظ
    مندوب المندوب وزراء إخراج تأليف مفوض مفوضة زعيمة برئاسة بزعامة بقيادة"""
)
PLACE_CUES = folded(
    """مدينة بلدة قرية مخيم محافظة ولاية إقليم مقاطعة جزيرة ميناء مطار معبر منطقة عاصمة
    حي ضاحية قاعدة سجن جامعة مستشفى قضاء ناحية شارع ميدان ساحة وادي جبل نهر بحيرة سهل
    مديرية مستوطنة كيبوتس إمارة بلدتي قريتي"""
)
ORG_CUES = folded(
    """حركة حزب منظمة وكالة شركة جماعة ميليشيا جبهة تحالف صحيفة قناة مجموعة منصة موقع
    تطبيق مؤسسة بنك مصرف فريق نادي سهم أسهم سهمي مؤتمر معرض مهرجان منتدى مركز بطولة
    جمعية نقابة اتحاد صندوق كتائب ائتلاف تجمع بورصة"""
)
# Prepositions and direction words that put a place after them ("في جدة", "شمال حلب").
PLACE_PREPOSITIONS = folded(
    """في إلى الى قرب بالقرب نحو شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط ضواحي أنحاء
    مدن عواصم"""
)
# Verbs of saying and acting whose subject follows them ("قالت سيول", "اتهمت حماس"): floods,
# foetuses and cables do not make statements.
SPEECH_VERBS = folded(
    """قال قالت أعلن أعلنت أكد أكدت ذكر ذكرت أفاد أفادت اتهم اتهمت دعا دعت حذر حذرت رد ردت نفى
    نفت رفض رفضت أدان أدانت طالب طالبت أوضح أوضحت أضاف أضافت اعتبر اعتبرت وافق وافقت"""
)
# Nouns that begin the fixed name of an event, venue or institution named after a place:
# مؤتمر ميونيخ للأمن، معرض القاهرة الدولي للكتاب، جامعة القاهرة، مركز مصر للمعارض. The
# place right after them is part of that longer name, not a mention of the place.
NAMED_AFTER_PLACE = folded("مؤتمر معرض مهرجان منتدى مركز جامعة بطولة ملعب استاد نادي متحف أكاديمية مسرح")
# The proclitics a word may carry before a cue or a name: و/ف, then ب/ل/ك (one source for
# every rule of `names` that strips them).
CLITIC = re.compile("^(?:و|ف)?(?:ب|ل|ك)?")


def cue_kind(word: str) -> str | None:
    """person, place or org when the folded `word` (its و/ف/ب/ل/ك proclitics allowed) is a cue."""
    for candidate in (word, CLITIC.sub("", word, count=1)):
        if candidate in PERSON_CUES:
            return "person"
        if candidate in PLACE_CUES:
            return "place"
        if candidate in ORG_CUES:
            return "org"
    return None


def announces(previous: str, kind: str) -> bool:
    """Whether the folded word before a name is a cue for a name of this kind."""
    if previous in SPEECH_VERBS or previous[1:] in SPEECH_VERBS:
        return True
    if kind == "place" and (previous in PLACE_PREPOSITIONS or previous[1:] in PLACE_PREPOSITIONS):
        return True
    found = cue_kind(previous)
    if found is None:
        return False
    return found == kind or kind in ("other", "agency") or (kind == "org" and found == "place")


# For `suggest`:
# Words that end a candidate: particles, prepositions, common nouns and verbs of news copy.
STOP_WORDS = folded(
    """في من إلى على عن مع أن إن أو ثم قد لقد ما لا لم لن الذي التي الذين هذا هذه ذلك تلك كان قرب أي
    كانت يوم اليوم أمس خلال بعد قبل منذ حيث بين عند لدى حول ضد نحو عبر إلا إنه إنها أنه أنها
    الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد باسم العام السابق الحالي الجديد الأسبق
    نظيره نظيرته نظيريه جميع كل بعض عقب إثر مباشرة أيضا وفق بحسب حسب حوالي نفسه نفسها شخصيا
    قال قالت أكد أكدت أعلن أعلنت أضاف أضافت دعا دعت شدد شددت أشار أشارت أوضح أوضحت رأى
    اعتبر اعتبرت وصف وصفت بحث بحثت التقى التقت زار زارت وقع وقعت تعهد تعهدت حذر حذرت نفى
    نفت طالب طالبت أرسل أرسلت بعث بعثت رحب رحبت اتهم اتهمت أمر أمرت يقول تقول يرى ترى
    هيئة مجلس لجنة وزارة حكومة بلدية جهاز مكتب ديوان دولة سلطة قوات جيش الوزراء
    مرة أخرى لاحقا أمام صباح مساء ليلة الليلة غدا شرق غرب شمال جنوب شرقي غربي شمالي جنوبي
    وسط الذي حضره حضرها رئيس سوف"""
)
# Cabinet portfolios: in a list of ministers ("الدفاع ميشال منسى، السياحة لورا الخازن،") the
# portfolio stands where the title would.
PORTFOLIOS = folded(
    """الخارجية الداخلية الدفاع المالية الاقتصاد الصناعة التجارة الزراعة الطاقة الصحة التربية
    العدل الإعلام الثقافة البيئة الاتصالات الأشغال العمل السياحة الشباب الرياضة الاتصالات
    المهجرين المغتربين الاتصالات النقل الإسكان الأوقاف التخطيط الاستثمار الكهرباء النفط"""
)
SAYS = folded("قال قالت وقال وقالت أكد وأكد أكدت وأكدت أضاف وأضاف أوضح وأوضح صرح وصرح أعلن وأعلن")
THAT = folded("إن أن إنه إنها أنه أنها")
