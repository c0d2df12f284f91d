"""Text tables for the demo data: occupations, employers, places, names and courses.

Everything here is fictional and meant to look like the real Kyrgyz labour market:
Russian, Kyrgyz and English texts are each written as a speaker of that language would
write them. `service.demo` turns these tables into rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.enums import EducationLevel, EmployerSize, EmploymentType, Region

# Per-language variants, keyed by language code ("ru", "ky", "en").
Texts = Mapping[str, tuple[str, ...]]

FT = EmploymentType.FULL_TIME
PT = EmploymentType.PART_TIME
SH = EmploymentType.SHIFT
SE = EmploymentType.SEASONAL
TE = EmploymentType.TEMPORARY
IN = EmploymentType.INTERNSHIP

NO = EducationLevel.NONE
SEC = EducationLevel.SECONDARY
VOC = EducationLevel.VOCATIONAL
INC = EducationLevel.INCOMPLETE_HIGHER
HI = EducationLevel.HIGHER


@dataclass(frozen=True)
class Occupation:
    """One occupation: how common it is, what it pays, and how people write about it."""

    key: str
    weight: int  # relative share of vacancies and seekers
    group: str  # related occupations share a group; demo matches stay inside it
    sector: str
    salary: tuple[int, int]  # typical monthly pay in KGS, low and high
    employment: tuple[EmploymentType, ...]
    remote_share: float
    female_share: float  # share of women among demo seekers of this occupation
    education: tuple[EducationLevel, ...]  # drawn uniformly; repeat to weight
    titles: Texts  # vacancy titles
    descriptions: Texts  # one or two sentences each
    skills: Texts
    positions: Texts  # what a seeker types as the desired position
    workplaces: Texts  # where a seeker worked, as a phrase for the experience text
    languages: tuple[str, ...] = ()  # languages the job itself needs, beyond the text's


OCCUPATIONS: tuple[Occupation, ...] = (
    Occupation(
        key="seamstress",
        weight=16,
        group="garments",
        sector="garment manufacturing",
        salary=(18_000, 45_000),
        employment=(FT, FT, SH, PT),
        remote_share=0.0,
        female_share=0.9,
        education=(SEC, SEC, VOC, VOC, NO),
        titles={
            "ru": ("Требуется швея", "Швея-мотористка", "Швеи на поток", "Швея (можно без опыта)"),
            "ky": ("Тигүүчү керек", "Тигүүчүлөр талап кылынат", "Тажрыйбалуу тигүүчү керек"),
            "en": ("Seamstress", "Sewing machine operator", "Seamstresses wanted"),
        },
        descriptions={
            "ru": (
                "В швейный цех требуются швеи на пошив женской одежды. Оплата сдельная, "
                "выплаты без задержек.",
                "Крупной швейной фабрике нужны швеи-мотористки на поток. Работа на "
                "промышленных машинах Juki, обучение на месте.",
                "Ателье ищет швею для ремонта и пошива одежды по индивидуальным заказам.",
            ),
            "ky": (
                "Тигүү цехине аялдар кийимин тиге алган тигүүчүлөр керек. Айлык иштеген "
                "көлөмгө жараша өз убагында төлөнөт.",
                "Тигүү фабрикасына агым менен иштөөчү тигүүчүлөр талап кылынат. Өнөр жай "
                "машиналарында иштөөнү жеринде үйрөтөбүз.",
                "Ательеге кийим тигүү жана оңдоо үчүн тигүүчү керек.",
            ),
            "en": (
                "A garment factory is hiring seamstresses for its production line. "
                "Piece-rate pay, training on industrial machines provided.",
                "A tailoring studio needs a seamstress for alterations and made-to-measure "
                "clothing.",
            ),
        },
        skills={
            "ru": ("швейная машина", "оверлок", "пошив одежды", "раскрой", "ремонт одежды"),
            "ky": ("тигүү машинасы", "оверлок", "кийим тигүү", "бычуу", "кийим оңдоо"),
            "en": ("sewing machine", "overlock", "garment sewing", "pattern cutting"),
        },
        positions={
            "ru": ("Швея", "Швея-мотористка", "швея на дому"),
            "ky": ("Тигүүчү", "тигүүчү, үйдөн иштесем", "Тигүүчү (оверлок)"),
            "en": ("Seamstress", "Sewing machine operator"),
        },
        workplaces={
            "ru": ("в швейном цехе", "на швейной фабрике", "в ателье"),
            "ky": ("тигүү цехинде", "тигүү фабрикасында", "ательеде"),
            "en": ("in a sewing workshop", "at a garment factory"),
        },
    ),
    Occupation(
        key="driver",
        weight=13,
        group="transport",
        sector="transport",
        salary=(25_000, 60_000),
        employment=(FT, FT, SH, TE),
        remote_share=0.0,
        female_share=0.05,
        education=(SEC, SEC, VOC),
        titles={
            "ru": ("Водитель категории C", "Требуется водитель", "Водитель-экспедитор"),
            "ky": ("Айдоочу талап кылынат", "C категориялуу айдоочу керек", "Айдоочу керек"),
            "en": ("Truck driver (category C)", "Delivery van driver", "Driver"),
        },
        descriptions={
            "ru": (
                "Транспортной компании нужен водитель с категорией C для перевозок по "
                "стране. Стаж вождения от 3 лет.",
                "Требуется водитель-экспедитор на развоз товара по магазинам. Автомобиль "
                "предоставляем.",
            ),
            "ky": (
                "Транспорт компаниясына C категориялуу айдоочу керек. Айдоо тажрыйбасы үч "
                "жылдан кем эмес.",
                "Дүкөндөргө товар жеткирүү үчүн айдоочу талап кылынат. Унаа компаниядан берилет.",
            ),
            "en": (
                "A logistics company needs a category C driver for routes across the "
                "country. At least three years of driving experience.",
                "Driver wanted to deliver goods to shops in the city; the company provides "
                "the van.",
            ),
        },
        skills={
            "ru": ("категория B", "категория C", "ПДД", "обслуживание автомобиля"),
            "ky": ("B категориясы", "C категориясы", "жол эрежелери", "унааны тейлөө"),
            "en": ("category B licence", "category C licence", "road safety", "vehicle care"),
        },
        positions={
            "ru": ("Водитель", "Водитель кат. C", "водитель такси"),
            "ky": ("Айдоочу", "Айдоочу (C категория)", "такси айдоочу"),
            "en": ("Driver", "Truck driver"),
        },
        workplaces={
            "ru": ("водителем в такси", "в транспортной компании", "на маршрутке"),
            "ky": ("таксиде айдоочу болуп", "транспорт компаниясында", "маршруткада"),
            "en": ("as a taxi driver", "for a transport company"),
        },
    ),
    Occupation(
        key="cook",
        weight=12,
        group="food",
        sector="food service",
        salary=(20_000, 55_000),
        employment=(FT, SH, SH, SE),
        remote_share=0.0,
        female_share=0.55,
        education=(SEC, VOC, VOC),
        titles={
            "ru": ("Требуется повар", "Повар национальной кухни", "Повар в столовую"),
            "ky": ("Ашпозчу керек", "Кафеге ашпозчу талап кылынат", "Улуттук тамак ашпозчусу"),
            "en": ("Cook", "Line cook", "Cook for a guesthouse"),
        },
        descriptions={
            "ru": (
                "В кафе требуется повар национальной и европейской кухни. График 2/2, "
                "питание за счёт заведения.",
                "Столовой при предприятии нужен повар на комплексные обеды. Работа "
                "только в будние дни.",
            ),
            "ky": (
                "Кафеге улуттук жана европалык тамактарды жасай алган ашпозчу керек. Иш "
                "графиги 2/2, түшкү тамак бекер.",
                "Ишкананын ашканасына түшкү тамак бышыруучу ашпозчу талап кылынат. Иш "
                "күндөрү гана иштейсиз.",
            ),
            "en": (
                "A busy cafe is looking for a cook who knows Kyrgyz and European dishes. "
                "Shifts of two days on, two days off.",
                "A guesthouse needs a cook for the summer season; meals and a room are provided.",
            ),
        },
        skills={
            "ru": ("национальная кухня", "плов", "выпечка", "санитарные нормы", "заготовки"),
            "ky": ("улуттук тамактар", "палоо бышыруу", "самса", "ашкана тазалыгы"),
            "en": ("Kyrgyz cuisine", "European cuisine", "food hygiene", "menu planning"),
        },
        positions={
            "ru": ("Повар", "Повар-универсал", "помощник повара"),
            "ky": ("Ашпозчу", "ашпозчунун жардамчысы", "Ашпозчу (палоо, лагман)"),
            "en": ("Cook", "Assistant cook"),
        },
        workplaces={
            "ru": ("в кафе", "в столовой", "в ресторане"),
            "ky": ("кафеде", "ашканада", "ресторанда"),
            "en": ("in a cafe", "in a canteen", "in a restaurant"),
        },
    ),
    Occupation(
        key="salesperson",
        weight=8,
        group="retail",
        sector="retail",
        salary=(16_000, 35_000),
        employment=(FT, SH, PT),
        remote_share=0.0,
        female_share=0.7,
        education=(SEC, SEC, VOC, INC),
        titles={
            "ru": ("Продавец-консультант", "Требуется продавец", "Продавец в магазин продуктов"),
            "ky": ("Сатуучу керек", "Дүкөнгө сатуучу талап кылынат", "Сатуучу-консультант"),
            "en": ("Shop assistant", "Sales assistant"),
        },
        descriptions={
            "ru": (
                "В продуктовый магазин нужен продавец. Умение работать с кассой и "
                "вежливое обращение с покупателями.",
                "Магазину одежды на рынке требуется продавец-консультант с опытом продаж.",
            ),
            "ky": (
                "Азык-түлүк дүкөнүнө сатуучу керек. Кассада иштей билүү жана кардарлар "
                "менен сылык мамиле талап кылынат.",
                "Базардагы кийим дүкөнүнө сатуу тажрыйбасы бар сатуучу керек.",
            ),
            "en": (
                "A grocery store needs a shop assistant who is friendly with customers "
                "and can use the till.",
            ),
        },
        skills={
            "ru": ("работа с покупателями", "касса", "выкладка товара", "продажи"),
            "ky": ("кардарлар менен иштөө", "касса", "товарды жайгаштыруу", "сатуу"),
            "en": ("customer service", "cash register", "merchandising", "sales"),
        },
        positions={
            "ru": ("Продавец", "Продавец-консультант", "продавец на рынке"),
            "ky": ("Сатуучу", "сатуучу базарга", "Сатуучу-консультант"),
            "en": ("Shop assistant", "Salesperson"),
        },
        workplaces={
            "ru": ("в магазине", "на рынке Дордой", "в супермаркете"),
            "ky": ("дүкөндө", "Дордой базарында", "супермаркетте"),
            "en": ("in a shop", "at a market stall"),
        },
    ),
    Occupation(
        key="builder",
        weight=7,
        group="construction",
        sector="construction",
        salary=(25_000, 60_000),
        employment=(FT, SE, TE),
        remote_share=0.0,
        female_share=0.05,
        education=(NO, SEC, SEC, VOC),
        titles={
            "ru": ("Строители на объект", "Каменщик", "Разнорабочий на стройку"),
            "ky": ("Куруучулар керек", "Кыш салуучу керек", "Курулушка жумушчулар талап кылынат"),
            "en": ("Construction worker", "Bricklayer"),
        },
        descriptions={
            "ru": (
                "На строительство жилого дома требуются каменщики и подсобные рабочие. "
                "Оплата еженедельно.",
                "Строительной компании нужны бетонщики и арматурщики на сезон.",
            ),
            "ky": (
                "Турак жай курулушуна кыш салуучулар жана жардамчы жумушчулар керек. "
                "Айлык жума сайын төлөнөт.",
                "Курулуш компаниясына сезонго бетон куюучулар жана арматурачылар керек. Акы "
                "күн сайын төлөнөт.",
            ),
            "en": (
                "Bricklayers and general labourers are needed to build an apartment block. "
                "Paid weekly.",
            ),
        },
        skills={
            "ru": ("кладка кирпича", "бетонные работы", "арматура", "опалубка"),
            "ky": ("кыш салуу", "бетон куюу", "арматура", "опалубка"),
            "en": ("bricklaying", "concrete work", "rebar fixing", "formwork"),
        },
        positions={
            "ru": ("Строитель", "Каменщик", "разнорабочий"),
            "ky": ("Куруучу", "кыш салуучу", "Курулуш жумушчусу"),
            "en": ("Construction worker", "Bricklayer"),
        },
        workplaces={
            "ru": ("на стройке", "в строительной бригаде", "на стройках в России"),
            "ky": ("курулушта", "курулуш бригадасында", "Россияда курулушта"),
            "en": ("on building sites", "on construction sites in Russia"),
        },
    ),
    Occupation(
        key="cleaner",
        weight=6,
        group="services",
        sector="facility services",
        salary=(15_000, 25_000),
        employment=(FT, PT, SH),
        remote_share=0.0,
        female_share=0.8,
        education=(NO, SEC, SEC),
        titles={
            "ru": ("Уборщица", "Уборщик(ца) в бизнес-центр", "Технический персонал"),
            "ky": ("Тазалоочу керек", "Кеңсеге тазалоочу талап кылынат"),
            "en": ("Cleaner", "Office cleaner"),
        },
        descriptions={
            "ru": (
                "В бизнес-центр требуется уборщица. График с 7:00 до 16:00, пять дней в неделю.",
                "Нужен уборщик помещений в торговый центр, работа посменно.",
            ),
            "ky": (
                "Бизнес борборго тазалоочу керек. Иш убактысы эртең мененки 7:00дөн "
                "16:00гө чейин, жумасына беш күн.",
                "Соода борборуна кезмет менен иштөөчү тазалоочу талап кылынат.",
            ),
            "en": ("An office building needs a cleaner for weekday morning shifts.",),
        },
        skills={
            "ru": ("уборка помещений", "моющие средства", "аккуратность"),
            "ky": ("бөлмө тазалоо", "тазалоочу каражаттар", "тыкандык"),
            "en": ("cleaning", "cleaning products", "attention to detail"),
        },
        positions={
            "ru": ("Уборщица", "Техничка", "уборщик"),
            "ky": ("Тазалоочу", "техничка"),
            "en": ("Cleaner",),
        },
        workplaces={
            "ru": ("в школе", "в офисе", "в больнице"),
            "ky": ("мектепте", "кеңседе", "ооруканада"),
            "en": ("in an office", "in a school"),
        },
    ),
    Occupation(
        key="security",
        weight=5,
        group="services",
        sector="security",
        salary=(18_000, 30_000),
        employment=(SH, SH, FT),
        remote_share=0.0,
        female_share=0.1,
        education=(SEC, SEC, VOC),
        titles={
            "ru": ("Охранник", "Сторож на склад", "Охранник в торговый центр"),
            "ky": ("Күзөтчү керек", "Кайтаруучу талап кылынат"),
            "en": ("Security guard", "Night watchman"),
        },
        descriptions={
            "ru": (
                "В торговый центр требуются охранники. График сутки через трое, форма выдаётся.",
                "Нужен сторож на склад стройматериалов, ночные смены.",
            ),
            "ky": (
                "Соода борборуна күзөтчүлөр керек. Бир сутка иштеп, үч күн эс аласыз, "
                "форма берилет.",
                "Курулуш материалдарынын кампасына түнкү күзөтчү талап кылынат.",
            ),
            "en": ("A shopping centre is hiring security guards for 24-hour shifts.",),
        },
        skills={
            "ru": ("охрана объекта", "видеонаблюдение", "пропускной режим"),
            "ky": ("объектти күзөтүү", "видеокөзөмөл", "тартип сактоо"),
            "en": ("site security", "CCTV monitoring", "access control"),
        },
        positions={
            "ru": ("Охранник", "Сторож"),
            "ky": ("Күзөтчү", "кайтаруучу"),
            "en": ("Security guard",),
        },
        workplaces={
            "ru": ("охранником в банке", "на складе", "в охранном агентстве"),
            "ky": ("банкта күзөтчү болуп", "кампада", "күзөт агенттигинде"),
            "en": ("as a guard at a bank", "for a security company"),
        },
    ),
    Occupation(
        key="teacher",
        weight=4,
        group="education",
        sector="education",
        salary=(18_000, 35_000),
        employment=(FT, PT),
        remote_share=0.05,
        female_share=0.8,
        education=(HI, HI, HI, VOC),
        titles={
            "ru": ("Учитель математики", "Учитель английского языка", "Учитель начальных классов"),
            "ky": ("Математика мугалими керек", "Англис тили мугалими керек", "Мугалим керек"),
            "en": ("English teacher", "Maths teacher"),
        },
        descriptions={
            "ru": (
                "В частную школу требуется учитель. Высшее педагогическое образование, "
                "опыт работы с детьми.",
                "Образовательному центру нужен преподаватель для вечерних групп.",
            ),
            "ky": (
                "Жеке мектепке мугалим керек. Жогорку педагогикалык билим жана балдар "
                "менен иштөө тажрыйбасы талап кылынат.",
                "Билим берүү борборуна кечки топтор үчүн мугалим керек.",
            ),
            "en": (
                "A private school is looking for a teacher with a degree in education "
                "and experience with children.",
            ),
        },
        skills={
            "ru": ("преподавание", "педагогика", "планирование уроков", "работа с детьми"),
            "ky": ("сабак берүү", "педагогика", "сабак пландоо", "балдар менен иштөө"),
            "en": ("teaching", "lesson planning", "classroom management"),
        },
        positions={
            "ru": ("Учитель", "Учитель английского", "репетитор"),
            "ky": ("Мугалим", "Англис тили мугалими", "репетитор"),
            "en": ("Teacher", "English teacher"),
        },
        workplaces={
            "ru": ("в школе", "в языковом центре"),
            "ky": ("мектепте", "тил борборунда"),
            "en": ("at a school", "at a language centre"),
        },
    ),
    Occupation(
        key="nurse",
        weight=4,
        group="care",
        sector="health care",
        salary=(18_000, 35_000),
        employment=(FT, SH),
        remote_share=0.0,
        female_share=0.9,
        education=(VOC, VOC, HI),
        titles={
            "ru": ("Медсестра", "Процедурная медсестра", "Медсестра в клинику"),
            "ky": ("Медайым керек", "Клиникага медайым талап кылынат"),
            "en": ("Nurse", "Registered nurse"),
        },
        descriptions={
            "ru": (
                "В частную клинику требуется медсестра. Медицинское образование обязательно.",
                "Процедурная медсестра в медицинский центр, график 2/2.",
            ),
            "ky": (
                "Жеке клиникага медайым керек. Медициналык билими болушу шарт, айлык өз "
                "убагында төлөнөт.",
                "Медициналык борборго процедуралык медайым керек: эки күн иштеп, эки күн эс "
                "аласыз.",
            ),
            "en": ("A private clinic needs a nurse with a medical diploma.",),
        },
        skills={
            "ru": ("инъекции", "капельницы", "уход за пациентами", "первая помощь"),
            "ky": ("ийне саюу", "тамчылатма коюу", "бейтаптарды кароо", "биринчи жардам"),
            "en": ("injections", "IV drips", "patient care", "first aid"),
        },
        positions={
            "ru": ("Медсестра", "Медсестра (процедурная)"),
            "ky": ("Медайым", "медайым"),
            "en": ("Nurse",),
        },
        workplaces={
            "ru": ("в больнице", "в ЦСМ", "в частной клинике"),
            "ky": ("ооруканада", "үй-бүлөлүк медицина борборунда", "жеке клиникада"),
            "en": ("in a hospital", "at a family clinic"),
        },
    ),
    Occupation(
        key="accountant",
        weight=3,
        group="office",
        sector="finance",
        salary=(30_000, 70_000),
        employment=(FT, PT),
        remote_share=0.15,
        female_share=0.8,
        education=(HI, HI, INC, VOC),
        titles={
            "ru": ("Бухгалтер", "Главный бухгалтер", "Бухгалтер 1С"),
            "ky": ("Бухгалтер керек", "Башкы бухгалтер талап кылынат"),
            "en": ("Accountant", "Junior accountant"),
        },
        descriptions={
            "ru": (
                "Торговой компании нужен бухгалтер. Знание 1С и налоговой отчётности обязательно.",
                "Ищем бухгалтера на неполный день для ведения нескольких ИП.",
            ),
            "ky": (
                "Соода компаниясына бухгалтер керек. 1С программасын жана салык "
                "отчетторун билүү зарыл.",
                "Бир нече жеке ишкердин эсебин жүргүзүү үчүн жарым күндүк бухгалтер керек.",
            ),
            "en": ("A trading company needs an accountant who knows 1C and Kyrgyz tax reporting.",),
        },
        skills={
            "ru": ("1С", "Excel", "налоговая отчётность", "первичная документация"),
            "ky": ("1С", "Excel", "салык отчеттору", "баштапкы документтер"),
            "en": ("1C", "Excel", "tax reporting", "bookkeeping"),
        },
        positions={
            "ru": ("Бухгалтер", "Помощник бухгалтера"),
            "ky": ("Бухгалтер", "бухгалтердин жардамчысы"),
            "en": ("Accountant",),
        },
        workplaces={
            "ru": ("в торговой компании", "в банке"),
            "ky": ("соода компаниясында", "банкта"),
            "en": ("at a trading company", "at a bank"),
        },
    ),
    Occupation(
        key="waiter",
        weight=4,
        group="food",
        sector="food service",
        salary=(15_000, 30_000),
        employment=(SH, PT, SE),
        remote_share=0.0,
        female_share=0.55,
        education=(SEC, SEC, INC),
        titles={
            "ru": ("Официант", "Официанты в ресторан", "Официант на летний сезон"),
            "ky": ("Официант керек", "Ресторанга официанттар талап кылынат"),
            "en": ("Waiter / waitress", "Waiting staff"),
        },
        descriptions={
            "ru": (
                "В ресторан требуются официанты. Опыт не обязателен, обучим.",
                "На летний сезон на Иссык-Куле нужны официанты, проживание и питание.",
            ),
            "ky": (
                "Ресторанга официанттар керек. Тажрыйба сөзсүз эмес, үйрөтөбүз.",
                "Ысык-Көлгө жайкы сезонго официанттар керек, жатакана жана тамак берилет.",
            ),
            "en": ("A restaurant is hiring waiting staff; no experience needed, we train.",),
        },
        skills={
            "ru": ("обслуживание гостей", "знание меню", "вежливость"),
            "ky": ("конокторду тейлөө", "менюну билүү", "сылык мамиле"),
            "en": ("table service", "menu knowledge", "customer care"),
        },
        positions={
            "ru": ("Официант", "официантка"),
            "ky": ("Официант",),
            "en": ("Waiter", "Waitress"),
        },
        workplaces={
            "ru": ("в ресторане", "в кафе на Иссык-Куле"),
            "ky": ("ресторанда", "Ысык-Көлдөгү кафеде"),
            "en": ("in a restaurant",),
        },
    ),
    Occupation(
        key="electrician",
        weight=3,
        group="construction",
        sector="construction",
        salary=(25_000, 55_000),
        employment=(FT, TE),
        remote_share=0.0,
        female_share=0.05,
        education=(VOC, VOC, SEC),
        titles={
            "ru": ("Электрик", "Электромонтёр", "Электрик на производство"),
            "ky": ("Электрик керек", "Электромонтёр талап кылынат"),
            "en": ("Electrician",),
        },
        descriptions={
            "ru": (
                "На производство требуется электрик для обслуживания и ремонта "
                "оборудования. Допуск по электробезопасности.",
                "Строительной компании нужен электромонтёр на монтаж проводки.",
            ),
            "ky": (
                "Өндүрүш ишканасына электр жабдууларын тейлөө жана оңдоо үчүн электрик керек.",
                "Курулуш компаниясына зым тартуу үчүн электромонтёр талап кылынат.",
            ),
            "en": ("A factory needs an electrician to maintain and repair its equipment.",),
        },
        skills={
            "ru": ("электромонтаж", "проводка", "электробезопасность"),
            "ky": ("электр зымдары", "электр жабдуулары", "коопсуздук эрежелери"),
            "en": ("electrical wiring", "equipment repair", "electrical safety"),
        },
        positions={
            "ru": ("Электрик", "Электромонтёр"),
            "ky": ("Электрик",),
            "en": ("Electrician",),
        },
        workplaces={
            "ru": ("на заводе", "в ЖЭКе"),
            "ky": ("заводдо", "турак жай кызматында"),
            "en": ("at a factory",),
        },
    ),
    Occupation(
        key="welder",
        weight=3,
        group="construction",
        sector="metalwork",
        salary=(30_000, 65_000),
        employment=(FT, TE, SE),
        remote_share=0.0,
        female_share=0.03,
        education=(VOC, VOC, SEC),
        titles={
            "ru": ("Сварщик", "Электросварщик", "Сварщик на металлоконструкции"),
            "ky": ("Электр ширетүүчү керек", "Ширетүүчү талап кылынат"),
            "en": ("Welder",),
        },
        descriptions={
            "ru": (
                "В цех металлоконструкций требуется опытный сварщик. Оплата по объёму.",
                "Нужен электросварщик на монтаж ворот и навесов.",
            ),
            "ky": (
                "Металл конструкция цехине тажрыйбалуу ширетүүчү керек. Айлык иштин "
                "көлөмүнө жараша.",
                "Дарбаза жана тосмо орнотуу үчүн электр ширетүүчү талап кылынат.",
            ),
            "en": ("A metalwork shop is hiring an experienced welder; pay by volume.",),
        },
        skills={
            "ru": ("электросварка", "аргонная сварка", "резка металла", "чтение чертежей"),
            "ky": ("электр ширетүү", "аргон ширетүү", "металл кесүү", "чийме окуу"),
            "en": ("arc welding", "TIG welding", "metal cutting", "reading drawings"),
        },
        positions={
            "ru": ("Сварщик", "Электросварщик"),
            "ky": ("Ширетүүчү", "электр ширетүүчү"),
            "en": ("Welder",),
        },
        workplaces={
            "ru": ("в цехе металлоконструкций", "на стройках в Москве"),
            "ky": ("металл цехинде", "Москвада курулушта"),
            "en": ("in a metalwork shop",),
        },
    ),
    Occupation(
        key="loader",
        weight=3,
        group="logistics",
        sector="logistics",
        salary=(15_000, 30_000),
        employment=(FT, SH, TE),
        remote_share=0.0,
        female_share=0.03,
        education=(NO, SEC, SEC),
        titles={
            "ru": ("Грузчик", "Грузчики на склад"),
            "ky": ("Жүк ташуучулар керек", "Кампага жүк түшүрүүчү талап кылынат"),
            "en": ("Warehouse loader",),
        },
        descriptions={
            "ru": (
                "На склад требуются грузчики. Оплата ежедневно.",
                "Грузчики на разгрузку фур, работа посменно.",
            ),
            "ky": (
                "Кампага жүк ташуучулар керек. Акы күн сайын төлөнөт.",
                "Фураларды түшүрүү үчүн кезмет менен иштөөчү жүк ташуучулар керек.",
            ),
            "en": ("Loaders are needed at a warehouse; paid daily.",),
        },
        skills={
            "ru": ("погрузка", "разгрузка", "физическая выносливость"),
            "ky": ("жүк жүктөө", "жүк түшүрүү", "күчтүү, чыдамкай"),
            "en": ("loading", "unloading", "physical stamina"),
        },
        positions={
            "ru": ("Грузчик", "разнорабочий"),
            "ky": ("Жүк ташуучу", "жумушчу"),
            "en": ("Loader",),
        },
        workplaces={
            "ru": ("на рынке Дордой", "на складе"),
            "ky": ("Дордой базарында", "кампада"),
            "en": ("at a market", "at a warehouse"),
        },
    ),
    Occupation(
        key="baker",
        weight=3,
        group="food",
        sector="food production",
        salary=(18_000, 35_000),
        employment=(FT, SH),
        remote_share=0.0,
        female_share=0.5,
        education=(SEC, VOC),
        titles={
            "ru": ("Пекарь", "Пекарь на тандыр", "Пекарь-кондитер"),
            "ky": ("Навайчы керек", "Нан бышыруучу талап кылынат"),
            "en": ("Baker",),
        },
        descriptions={
            "ru": (
                "На хлебозавод требуется пекарь. Утренняя смена с 4:00.",
                "В пекарню нужен пекарь-кондитер на выпечку и торты.",
            ),
            "ky": (
                "Нан заводуна нан бышыруучу керек. Эртең мененки кезмет саат 4:00дөн башталат.",
                "Тандыр нан бышыра алган навайчы керек, айлык жумасына бир төлөнөт.",
            ),
            "en": ("A bakery needs a baker for early morning shifts starting at 4 am.",),
        },
        skills={
            "ru": ("замес теста", "тандырный хлеб", "выпечка", "кондитерские изделия"),
            "ky": ("камыр жууруу", "тандыр нан", "нан бышыруу", "таттуу азыктар"),
            "en": ("dough making", "tandoor bread", "pastry"),
        },
        positions={
            "ru": ("Пекарь", "Пекарь-кондитер"),
            "ky": ("Навайчы", "нан бышыруучу"),
            "en": ("Baker",),
        },
        workplaces={
            "ru": ("в пекарне", "на хлебозаводе"),
            "ky": ("наабайканада", "нан заводунда"),
            "en": ("in a bakery",),
        },
    ),
    Occupation(
        key="hairdresser",
        weight=2,
        group="beauty",
        sector="beauty services",
        salary=(15_000, 45_000),
        employment=(FT, PT),
        remote_share=0.0,
        female_share=0.8,
        education=(SEC, VOC, VOC),
        titles={
            "ru": ("Парикмахер", "Парикмахер-универсал"),
            "ky": ("Чачтарач керек", "Сулуулук салонуна чачтарач талап кылынат"),
            "en": ("Hairdresser",),
        },
        descriptions={
            "ru": ("Салону красоты нужен парикмахер-универсал. Оплата процент от выручки.",),
            "ky": (
                "Сулуулук салонуна аялдар жана эркектер чачтарачы керек. Айлык түшкөн "
                "кирешеден пайыз менен.",
            ),
            "en": ("A beauty salon is looking for a hairdresser; pay is a share of takings.",),
        },
        skills={
            "ru": ("стрижки", "окрашивание", "укладка"),
            "ky": ("чач кыркуу", "чач боёо", "чач жасалгалоо"),
            "en": ("haircuts", "hair colouring", "styling"),
        },
        positions={
            "ru": ("Парикмахер",),
            "ky": ("Чачтарач",),
            "en": ("Hairdresser",),
        },
        workplaces={
            "ru": ("в салоне красоты",),
            "ky": ("сулуулук салонунда",),
            "en": ("in a beauty salon",),
        },
    ),
    Occupation(
        key="caregiver",
        weight=2,
        group="care",
        sector="social care",
        salary=(15_000, 30_000),
        employment=(FT, PT),
        remote_share=0.0,
        female_share=0.85,
        education=(SEC, VOC),
        titles={
            "ru": ("Сиделка", "Сиделка для пожилого человека"),
            "ky": ("Карыяларды кароочу керек", "Оорулуу адамды кароочу талап кылынат"),
            "en": ("Caregiver", "Home carer for an elderly person"),
        },
        descriptions={
            "ru": (
                "Требуется сиделка для пожилой женщины. Приготовление еды, уборка, приём "
                "лекарств по расписанию.",
            ),
            "ky": (
                "Жалгыз жашаган карыяга кароочу керек. Тамак жасоо, үй тазалоо жана "
                "дарыларды өз убагында берүү.",
            ),
            "en": (
                "A family needs a carer for an elderly relative: cooking, cleaning, medicines.",
            ),
        },
        skills={
            "ru": ("уход за пожилыми", "первая помощь", "приготовление еды"),
            "ky": ("карыяларды кароо", "биринчи жардам", "тамак жасоо"),
            "en": ("elderly care", "first aid", "cooking"),
        },
        positions={
            "ru": ("Сиделка", "няня-сиделка"),
            "ky": ("Кароочу", "бала багуучу"),
            "en": ("Caregiver",),
        },
        workplaces={
            "ru": ("сиделкой в семье", "в доме престарелых"),
            "ky": ("үй-бүлөдө кароочу болуп", "карылар үйүндө"),
            "en": ("as a home carer",),
        },
    ),
    Occupation(
        key="call_centre",
        weight=3,
        group="office",
        sector="business services",
        salary=(18_000, 35_000),
        employment=(FT, PT, SH),
        remote_share=0.5,
        female_share=0.7,
        education=(SEC, INC, INC, HI),
        titles={
            "ru": ("Оператор колл-центра", "Оператор call-центра (удалённо)"),
            "ky": ("Колл-борборго оператор керек", "Үйдөн иштөөчү оператор талап кылынат"),
            "en": ("Call centre operator", "Customer support agent (remote)"),
        },
        descriptions={
            "ru": (
                "Колл-центру нужны операторы со знанием кыргызского и русского языков. "
                "Можно работать из дома.",
                "Оператор на входящие звонки, обучение оплачивается.",
            ),
            "ky": (
                "Колл-борборго кыргыз жана орус тилдерин билген операторлор керек. "
                "Үйдөн иштөөгө болот.",
                "Кирүүчү чалууларды кабыл алуучу оператор керек, окутуу акысыз.",
            ),
            "en": (
                "Customer support agents who speak Kyrgyz and Russian are wanted; you can "
                "work from home.",
            ),
        },
        skills={
            "ru": ("телефонные переговоры", "ПК", "CRM", "грамотная речь"),
            "ky": ("телефон аркылуу сүйлөшүү", "компьютер", "CRM", "кыргыз тили"),
            "en": ("phone etiquette", "computer skills", "CRM", "customer support"),
        },
        positions={
            "ru": ("Оператор колл-центра", "оператор на телефоне"),
            "ky": ("Колл-борбор оператору", "оператор"),
            "en": ("Call centre operator",),
        },
        workplaces={
            "ru": ("в колл-центре мобильного оператора",),
            "ky": ("мобилдик байланыш колл-борборунда",),
            "en": ("in a telecom call centre",),
        },
        languages=("ky", "ru"),
    ),
    Occupation(
        key="programmer",
        weight=2,
        group="office",
        sector="information technology",
        salary=(40_000, 80_000),
        employment=(FT, PT, IN),
        remote_share=0.6,
        female_share=0.3,
        education=(HI, HI, INC),
        titles={
            "ru": ("Программист Python", "Junior веб-разработчик", "Frontend-разработчик"),
            "ky": ("Программист керек", "Python программисти талап кылынат"),
            "en": ("Junior Python developer", "Web developer", "Frontend developer"),
        },
        descriptions={
            "ru": (
                "IT-компании нужен программист на Python или JavaScript. Возможна "
                "удалённая работа.",
                "Стажировка для начинающих веб-разработчиков с последующим трудоустройством.",
            ),
            "ky": (
                "IT компанияга Python же JavaScript билген программист керек. Алыстан "
                "иштөөгө болот.",
                "Жаңы баштаган веб-программисттер үчүн стажировка, андан кийин жумушка алынат.",
            ),
            "en": (
                "An IT company is hiring a Python or JavaScript developer; remote work is "
                "possible.",
                "Paid internship for junior web developers, with a job offer afterwards.",
            ),
        },
        skills={
            "ru": ("Python", "JavaScript", "SQL", "Git", "HTML/CSS"),
            "ky": ("Python", "JavaScript", "SQL", "Git", "веб-сайт түзүү"),
            "en": ("Python", "JavaScript", "SQL", "Git", "HTML/CSS"),
        },
        positions={
            "ru": ("Программист", "веб-разработчик"),
            "ky": ("Программист", "веб-программист"),
            "en": ("Python developer", "Web developer"),
        },
        workplaces={
            "ru": ("в IT-компании", "фрилансером"),
            "ky": ("IT компанияда", "фриланста"),
            "en": ("at an IT company", "as a freelancer"),
        },
        languages=("en",),
    ),
    Occupation(
        key="courier",
        weight=3,
        group="logistics",
        sector="delivery",
        salary=(18_000, 40_000),
        employment=(FT, PT, SH),
        remote_share=0.0,
        female_share=0.2,
        education=(SEC, SEC, INC),
        titles={
            "ru": ("Курьер", "Курьер на доставку еды"),
            "ky": ("Курьер керек", "Жеткирүү кызматына курьерлер талап кылынат"),
            "en": ("Courier", "Food delivery rider"),
        },
        descriptions={
            "ru": (
                "Службе доставки еды нужны курьеры на велосипеде или авто. Оплата за каждый заказ.",
            ),
            "ky": (
                "Тамак жеткирүү кызматына велосипеди же унаасы бар курьерлер керек. Акы "
                "ар бир буйрутма үчүн төлөнөт.",
            ),
            "en": ("A food delivery service needs couriers with a bike or car; paid per order.",),
        },
        skills={
            "ru": ("доставка", "знание города", "смартфон"),
            "ky": ("жеткирүү", "шаарды жакшы билүү", "смартфон"),
            "en": ("delivery", "city navigation", "smartphone apps"),
        },
        positions={
            "ru": ("Курьер",),
            "ky": ("Курьер", "жеткирүүчү"),
            "en": ("Courier",),
        },
        workplaces={
            "ru": ("в службе доставки",),
            "ky": ("жеткирүү кызматында",),
            "en": ("for a delivery service",),
        },
    ),
    Occupation(
        key="cashier",
        weight=3,
        group="retail",
        sector="retail",
        salary=(16_000, 28_000),
        employment=(FT, SH),
        remote_share=0.0,
        female_share=0.8,
        education=(SEC, VOC, INC),
        titles={
            "ru": ("Кассир", "Кассир в супермаркет"),
            "ky": ("Кассир керек", "Супермаркетке кассир талап кылынат"),
            "en": ("Cashier",),
        },
        descriptions={
            "ru": ("В супермаркет требуется кассир. Сменный график, обучение на месте.",),
            "ky": ("Супермаркетке кассир керек. Кезмет менен иштөө, жеринде үйрөтөбүз.",),
            "en": ("A supermarket is hiring cashiers for shift work; training on site.",),
        },
        skills={
            "ru": ("касса", "работа с наличными", "внимательность"),
            "ky": ("касса", "накталай акча менен иштөө", "көңүл буруу"),
            "en": ("cash handling", "POS terminal", "accuracy"),
        },
        positions={
            "ru": ("Кассир",),
            "ky": ("Кассир",),
            "en": ("Cashier",),
        },
        workplaces={
            "ru": ("в супермаркете",),
            "ky": ("супермаркетте",),
            "en": ("in a supermarket",),
        },
    ),
    Occupation(
        key="plumber",
        weight=2,
        group="construction",
        sector="construction",
        salary=(25_000, 50_000),
        employment=(FT, TE),
        remote_share=0.0,
        female_share=0.03,
        education=(VOC, SEC),
        titles={
            "ru": ("Сантехник",),
            "ky": ("Сантехник керек",),
            "en": ("Plumber",),
        },
        descriptions={
            "ru": ("Управляющей компании нужен сантехник для обслуживания жилых домов.",),
            "ky": ("Турак үйлөрдү тейлөө үчүн сантехник керек, айлык өз убагында.",),
            "en": ("A housing maintenance company needs a plumber.",),
        },
        skills={
            "ru": ("монтаж труб", "отопление", "ремонт сантехники"),
            "ky": ("түтүк орнотуу", "жылытуу системасы", "сантехника оңдоо"),
            "en": ("pipe fitting", "heating systems", "repairs"),
        },
        positions={
            "ru": ("Сантехник",),
            "ky": ("Сантехник",),
            "en": ("Plumber",),
        },
        workplaces={
            "ru": ("в ЖЭКе",),
            "ky": ("турак жай кызматында",),
            "en": ("for a housing company",),
        },
    ),
    Occupation(
        key="farm_worker",
        weight=3,
        group="agriculture",
        sector="agriculture",
        salary=(15_000, 28_000),
        employment=(SE, SE, TE, FT),
        remote_share=0.0,
        female_share=0.4,
        education=(NO, SEC, SEC),
        titles={
            "ru": ("Сельхозрабочие", "Рабочие на сбор урожая"),
            "ky": ("Айыл чарба жумушчулары керек", "Түшүм жыйноого жумушчулар керек"),
            "en": ("Farm worker", "Seasonal harvest worker"),
        },
        descriptions={
            "ru": (
                "Фермерскому хозяйству нужны рабочие на сбор урожая. Оплата еженедельно, "
                "подвоз до поля.",
            ),
            "ky": (
                "Дыйкан чарбасына түшүм жыйноо үчүн жумушчулар керек. Акы жума сайын "
                "төлөнөт, талаага чейин жеткиребиз.",
            ),
            "en": ("A farm is hiring seasonal workers for the harvest; transport to the fields.",),
        },
        skills={
            "ru": ("сбор урожая", "полив", "уход за скотом"),
            "ky": ("түшүм жыйноо", "сугат", "мал багуу"),
            "en": ("harvesting", "irrigation", "livestock care"),
        },
        positions={
            "ru": ("Сельхозрабочий", "рабочий на поле"),
            "ky": ("Дыйкан", "айыл чарба жумушчусу", "малчы"),
            "en": ("Farm worker",),
        },
        workplaces={
            "ru": ("в фермерском хозяйстве",),
            "ky": ("дыйкан чарбасында",),
            "en": ("on a farm",),
        },
    ),
    Occupation(
        key="mechanic",
        weight=2,
        group="transport",
        sector="vehicle repair",
        salary=(25_000, 55_000),
        employment=(FT,),
        remote_share=0.0,
        female_share=0.03,
        education=(VOC, VOC, SEC),
        titles={
            "ru": ("Автомеханик", "Автослесарь"),
            "ky": ("Автоунаа устасы керек", "Автомеханик талап кылынат"),
            "en": ("Car mechanic",),
        },
        descriptions={
            "ru": ("В автосервис требуется автомеханик с опытом ремонта ходовой и двигателя.",),
            "ky": ("Автосервиске кыймылдаткыч жана жүрүш бөлүгүн оңдогон уста керек.",),
            "en": ("A car service centre needs a mechanic for engine and suspension repairs.",),
        },
        skills={
            "ru": ("ремонт двигателя", "ходовая часть", "диагностика"),
            "ky": ("кыймылдаткыч оңдоо", "жүрүш бөлүгү", "диагностика"),
            "en": ("engine repair", "suspension", "diagnostics"),
        },
        positions={
            "ru": ("Автомеханик", "автослесарь"),
            "ky": ("Автоуста", "автомеханик"),
            "en": ("Car mechanic",),
        },
        workplaces={
            "ru": ("в автосервисе",),
            "ky": ("автосервисте",),
            "en": ("at a car repair shop",),
        },
    ),
    Occupation(
        key="painter",
        weight=2,
        group="construction",
        sector="construction",
        salary=(20_000, 45_000),
        employment=(FT, TE, SE),
        remote_share=0.0,
        female_share=0.3,
        education=(SEC, VOC),
        titles={
            "ru": ("Маляр-штукатур", "Отделочник"),
            "ky": ("Сырдоочу-шыбакчы керек", "Оңдоп-түзөөчү уста керек"),
            "en": ("Painter and plasterer",),
        },
        descriptions={
            "ru": ("На отделку квартир требуются маляры-штукатуры. Оплата за квадратный метр.",),
            "ky": ("Батирлерди оңдоого сырдоочу-шыбакчылар керек. Акы чарчы метр үчүн төлөнөт.",),
            "en": (
                "Painters and plasterers are needed to finish new flats; paid per square metre.",
            ),
        },
        skills={
            "ru": ("штукатурка", "покраска", "шпаклёвка", "гипсокартон"),
            "ky": ("шыбак", "сырдоо", "шпаклёвка", "гипсокартон"),
            "en": ("plastering", "painting", "drywall"),
        },
        positions={
            "ru": ("Маляр", "маляр-штукатур"),
            "ky": ("Сырдоочу", "шыбакчы"),
            "en": ("Painter",),
        },
        workplaces={
            "ru": ("на отделке квартир",),
            "ky": ("батир оңдоодо",),
            "en": ("finishing flats",),
        },
    ),
    Occupation(
        key="pharmacist",
        weight=1,
        group="care",
        sector="pharmacy",
        salary=(20_000, 40_000),
        employment=(FT, SH),
        remote_share=0.0,
        female_share=0.85,
        education=(VOC, HI, HI),
        titles={
            "ru": ("Фармацевт", "Провизор в аптеку"),
            "ky": ("Дарыканага фармацевт керек",),
            "en": ("Pharmacist",),
        },
        descriptions={
            "ru": ("В аптеку требуется фармацевт с фармацевтическим образованием.",),
            "ky": ("Дарыканага фармацевтикалык билими бар фармацевт керек, кезмет менен иштөө.",),
            "en": ("A pharmacy is hiring a qualified pharmacist.",),
        },
        skills={
            "ru": ("фармакология", "консультирование", "учёт лекарств"),
            "ky": ("фармакология", "кеңеш берүү", "дары-дармек эсеби"),
            "en": ("pharmacology", "customer advice", "stock control"),
        },
        positions={
            "ru": ("Фармацевт",),
            "ky": ("Фармацевт",),
            "en": ("Pharmacist",),
        },
        workplaces={
            "ru": ("в аптеке",),
            "ky": ("дарыканада",),
            "en": ("in a pharmacy",),
        },
    ),
    Occupation(
        key="storekeeper",
        weight=2,
        group="logistics",
        sector="logistics",
        salary=(20_000, 40_000),
        employment=(FT, SH),
        remote_share=0.0,
        female_share=0.3,
        education=(SEC, VOC, INC),
        titles={
            "ru": ("Кладовщик", "Кладовщик на склад"),
            "ky": ("Кампачы керек", "Кампа кызматкери талап кылынат"),
            "en": ("Storekeeper", "Warehouse clerk"),
        },
        descriptions={
            "ru": ("На склад требуется кладовщик: приём, выдача и учёт товара в 1С.",),
            "ky": (
                "Кампага товарды кабыл алып, 1С программасында эсепке алуучу кампачы керек. "
                "Иш күндүзгү кезмет менен.",
            ),
            "en": ("A warehouse needs a storekeeper to receive, issue and record goods in 1C.",),
        },
        skills={
            "ru": ("учёт товара", "1С", "инвентаризация"),
            "ky": ("товар эсеби", "1С", "инвентаризация"),
            "en": ("stock control", "1C", "inventory"),
        },
        positions={
            "ru": ("Кладовщик",),
            "ky": ("Кампачы",),
            "en": ("Storekeeper",),
        },
        workplaces={
            "ru": ("на оптовом складе",),
            "ky": ("дүң кампада",),
            "en": ("at a wholesale warehouse",),
        },
    ),
    Occupation(
        key="hotel_admin",
        weight=2,
        group="office",
        sector="tourism",
        salary=(20_000, 45_000),
        employment=(FT, SE, SH),
        remote_share=0.0,
        female_share=0.65,
        education=(INC, HI, HI),
        titles={
            "ru": ("Администратор гостиницы", "Администратор на ресепшн"),
            "ky": ("Мейманканага администратор керек", "Ресепшн администратору талап кылынат"),
            "en": ("Hotel receptionist", "Guesthouse administrator"),
        },
        descriptions={
            "ru": (
                "Гостинице нужен администратор со знанием английского. Заселение гостей, "
                "бронирования, касса.",
            ),
            "ky": (
                "Мейманканага англис тилин билген администратор керек. Конокторду "
                "жайгаштыруу, брондоо жана касса менен иштөө.",
            ),
            "en": (
                "A guesthouse needs a receptionist with good English for check-ins and bookings.",
            ),
        },
        skills={
            "ru": ("бронирование", "работа с гостями", "английский язык"),
            "ky": ("брондоо", "конокторду тейлөө", "англис тили"),
            "en": ("bookings", "guest relations", "English"),
        },
        positions={
            "ru": ("Администратор", "администратор гостиницы"),
            "ky": ("Администратор", "мейманкана администратору"),
            "en": ("Receptionist", "Hotel administrator"),
        },
        workplaces={
            "ru": ("в гостинице", "в пансионате на Иссык-Куле"),
            "ky": ("мейманканада", "Ысык-Көлдөгү пансионатта"),
            "en": ("at a hotel", "at a lakeside resort"),
        },
        languages=("en", "ru"),
    ),
    Occupation(
        key="kindergarten_teacher",
        weight=2,
        group="education",
        sector="education",
        salary=(15_000, 28_000),
        employment=(FT, PT),
        remote_share=0.0,
        female_share=0.95,
        education=(VOC, HI),
        titles={
            "ru": ("Воспитатель в детский сад", "Воспитатель"),
            "ky": ("Балдар бакчасына тарбиячы керек", "Тарбиячы талап кылынат"),
            "en": ("Kindergarten teacher",),
        },
        descriptions={
            "ru": ("В частный детский сад требуется воспитатель, опыт работы с детьми.",),
            "ky": ("Жеке балдар бакчасына балдар менен иштөө тажрыйбасы бар тарбиячы керек.",),
            "en": (
                "A private kindergarten is hiring a teacher with experience of young children.",
            ),
        },
        skills={
            "ru": ("работа с детьми", "развивающие занятия", "дошкольная педагогика"),
            "ky": ("балдар менен иштөө", "өнүктүрүүчү сабактар", "мектепке чейинки педагогика"),
            "en": ("childcare", "early learning", "creative activities"),
        },
        positions={
            "ru": ("Воспитатель",),
            "ky": ("Тарбиячы",),
            "en": ("Kindergarten teacher",),
        },
        workplaces={
            "ru": ("в детском саду",),
            "ky": ("балдар бакчасында",),
            "en": ("at a kindergarten",),
        },
    ),
    Occupation(
        key="sales_manager",
        weight=2,
        group="retail",
        sector="wholesale trade",
        salary=(25_000, 70_000),
        employment=(FT,),
        remote_share=0.2,
        female_share=0.5,
        education=(INC, HI, HI),
        titles={
            "ru": ("Менеджер по продажам", "Торговый представитель"),
            "ky": ("Сатуу боюнча менеджер керек", "Соода өкүлү талап кылынат"),
            "en": ("Sales manager", "Sales representative"),
        },
        descriptions={
            "ru": ("Дистрибьюторской компании нужен менеджер по продажам. Оклад плюс процент.",),
            "ky": (
                "Дистрибьютор компаниясына сатуу боюнча менеджер керек. Айлык жана сатуудан "
                "пайыз төлөнөт.",
            ),
            "en": ("A distributor is hiring a sales manager; base salary plus commission.",),
        },
        skills={
            "ru": ("продажи", "переговоры", "работа с клиентами", "Excel"),
            "ky": ("сатуу", "сүйлөшүүлөр", "кардарлар менен иштөө", "Excel"),
            "en": ("sales", "negotiation", "account management", "Excel"),
        },
        positions={
            "ru": ("Менеджер по продажам",),
            "ky": ("Сатуу менеджери",),
            "en": ("Sales manager",),
        },
        workplaces={
            "ru": ("в дистрибьюторской компании",),
            "ky": ("дистрибьютор компаниясында",),
            "en": ("at a distribution company",),
        },
    ),
    Occupation(
        key="cutter",
        weight=2,
        group="garments",
        sector="garment manufacturing",
        salary=(25_000, 50_000),
        employment=(FT, SH),
        remote_share=0.0,
        female_share=0.6,
        education=(SEC, VOC, VOC),
        titles={
            "ru": ("Закройщик", "Закройщик на швейное производство"),
            "ky": ("Бычуучу керек", "Тигүү цехине бычуучу талап кылынат"),
            "en": ("Garment cutter",),
        },
        descriptions={
            "ru": ("Швейному производству нужен закройщик с опытом раскроя трикотажа.",),
            "ky": ("Тигүү өндүрүшүнө трикотаж бычуу тажрыйбасы бар бычуучу керек.",),
            "en": ("A garment factory needs a cutter experienced with knitwear.",),
        },
        skills={
            "ru": ("раскрой", "лекала", "раскройный нож"),
            "ky": ("бычуу", "лекало", "бычуу бычагы"),
            "en": ("fabric cutting", "patterns", "cutting machine"),
        },
        positions={
            "ru": ("Закройщик", "закройщица"),
            "ky": ("Бычуучу",),
            "en": ("Garment cutter",),
        },
        workplaces={
            "ru": ("в швейном цехе",),
            "ky": ("тигүү цехинде",),
            "en": ("in a garment workshop",),
        },
    ),
    Occupation(
        key="dishwasher",
        weight=1,
        group="food",
        sector="food service",
        salary=(15_000, 22_000),
        employment=(SH, PT, SE),
        remote_share=0.0,
        female_share=0.7,
        education=(NO, SEC),
        titles={
            "ru": ("Посудомойщица", "Мойщик посуды"),
            "ky": ("Идиш жуугуч керек",),
            "en": ("Dishwasher",),
        },
        descriptions={
            "ru": ("В ресторан требуется посудомойщица, сменный график, питание.",),
            "ky": ("Ресторанга идиш жуугуч керек, кезмет менен иштөө, тамак бекер.",),
            "en": ("A restaurant needs a dishwasher for shifts; meals included.",),
        },
        skills={
            "ru": ("мытьё посуды", "санитарные нормы"),
            "ky": ("идиш жуу", "тазалык эрежелери"),
            "en": ("dishwashing", "kitchen hygiene"),
        },
        positions={
            "ru": ("Посудомойщица",),
            "ky": ("Идиш жуугуч",),
            "en": ("Dishwasher",),
        },
        workplaces={
            "ru": ("в ресторане",),
            "ky": ("ресторанда",),
            "en": ("in a restaurant",),
        },
    ),
)

# One optional closing sentence per vacancy, so that texts of one occupation still differ.
PERKS: Texts = {
    "ru": (
        "Официальное трудоустройство, соцпакет.",
        "Зарплата два раза в месяц.",
        "Бесплатный обед.",
        "Оплачиваем проезд.",
        "Рассматриваем кандидатов без опыта.",
        "Обучение за счёт работодателя.",
    ),
    "ky": (
        "Расмий түрдө жумушка алынат, социалдык пакет берилет.",
        "Айлык айына эки жолу төлөнөт.",
        "Түшкү тамак акысыз.",
        "Жол кире төлөнөт.",
        "Тажрыйбасы жоктор да кабыл алынат.",
        "Окутуу иш берүүчүнүн эсебинен.",
    ),
    "en": (
        "Official contract and social insurance.",
        "Salary paid twice a month.",
        "Free lunch.",
        "Travel costs covered.",
        "Candidates without experience are welcome.",
        "Training paid by the employer.",
    ),
}

# Second sentence of a seeker's experience: why they are looking for work.
LOST_JOB: Texts = {
    "ru": (
        "Во время карантина предприятие закрылось.",
        "В 2020 году сократили из-за пандемии.",
        "Из-за COVID-19 сейчас без работы.",
    ),
    "ky": (
        "Пандемиядан улам жумушсуз калдым.",
        "Карантин учурунда ишкана жабылып калды.",
        "2020-жылы карантинден улам кыскартууга кирдим.",
    ),
    "en": (
        "Lost my job during the 2020 lockdown.",
        "The company closed during the pandemic.",
    ),
}
STILL_LOOKING: Texts = {
    "ru": ("Ищу стабильную работу с официальным оформлением.", "Хочу работу ближе к дому."),
    "ky": ("Туруктуу жумуш издеп жатам.", "Үйгө жакын жумуш издейм."),
    "en": ("Looking for a stable job.", "Looking for work closer to home."),
}
NO_EXPERIENCE: Texts = {
    "ru": ("Опыта работы пока нет, быстро учусь.", "Только окончил(а) колледж, опыта нет."),
    "ky": ("Иш тажрыйбам жок, үйрөнүүгө даярмын.", "Колледжди жаңы бүтүрдүм, тажрыйбам жок."),
    "en": ("No work experience yet, ready to learn.", "Just finished college, no experience."),
}


@dataclass(frozen=True)
class EmployerProfile:
    """A fictional employer and the occupations it hires for."""

    name: str
    region: Region
    locality: str
    size: EmployerSize
    sector: str
    occupations: tuple[str, ...]


MICRO = EmployerSize.MICRO
SMALL = EmployerSize.SMALL
MEDIUM = EmployerSize.MEDIUM
LARGE = EmployerSize.LARGE
R = Region

# fmt: off
EMPLOYERS: tuple[EmployerProfile, ...] = (
    # Bishkek
    EmployerProfile(
        "ДЕМО · Швейная фабрика «Ак Куу»", R.BISHKEK, "Бишкек", LARGE, "garment manufacturing",
        ("seamstress", "cutter", "loader", "cleaner", "storekeeper"),
    ),
    EmployerProfile(
        "ДЕМО · ОсОО «Тигүү Дүйнөсү»", R.BISHKEK, "Бишкек", SMALL, "garment manufacturing",
        ("seamstress", "cutter"),
    ),
    EmployerProfile(
        "ДЕМО · ИП Асанова (ателье)", R.BISHKEK, "Бишкек", MICRO, "garment manufacturing",
        ("seamstress",),
    ),
    EmployerProfile(
        "ДЕМО · Такси «Жол Жолдош»", R.BISHKEK, "Бишкек", SMALL, "transport",
        ("driver", "call_centre", "mechanic"),
    ),
    EmployerProfile(
        "ДЕМО · Кафе «Нооруз»", R.BISHKEK, "Бишкек", SMALL, "food service",
        ("cook", "waiter", "dishwasher", "baker", "cashier"),
    ),
    EmployerProfile(
        "ДЕМО · Супермаркет «Ала-Тоо Маркет»", R.BISHKEK, "Бишкек", LARGE, "retail",
        ("salesperson", "cashier", "loader", "security", "storekeeper", "cleaner", "baker"),
    ),
    EmployerProfile(
        "ДЕМО · Строительная компания «Бийик Үй»", R.BISHKEK, "Бишкек", LARGE, "construction",
        ("builder", "electrician", "welder", "plumber", "painter", "security", "driver"),
    ),
    EmployerProfile(
        "ДЕМО · Demo Code Lab", R.BISHKEK, "Бишкек", SMALL, "information technology",
        ("programmer", "call_centre", "sales_manager"),
    ),
    EmployerProfile(
        "ДЕМО · Медицинский центр «Дени Соолук»", R.BISHKEK, "Бишкек", MEDIUM, "health care",
        ("nurse", "pharmacist", "cleaner", "caregiver", "accountant"),
    ),
    EmployerProfile(
        "ДЕМО · Служба доставки «Тез Жеткир»", R.BISHKEK, "Бишкек", SMALL, "delivery",
        ("courier", "driver", "call_centre", "loader"),
    ),
    EmployerProfile(
        "ДЕМО · Частная школа «Билим»", R.BISHKEK, "Бишкек", SMALL, "education",
        ("teacher", "kindergarten_teacher", "cleaner", "security"),
    ),
    EmployerProfile(
        "ДЕМО · Салон красоты «Айару»", R.BISHKEK, "Бишкек", MICRO, "beauty services",
        ("hairdresser",),
    ),
    EmployerProfile(
        "ДЕМО · Колл-центр «Demo Connect»", R.BISHKEK, "Бишкек", MEDIUM, "business services",
        ("call_centre", "sales_manager", "programmer"),
    ),
    EmployerProfile(
        "ДЕМО · Бухгалтерское бюро «Эсеп Плюс»", R.BISHKEK, "Бишкек", MICRO, "finance",
        ("accountant",),
    ),
    EmployerProfile(
        "ДЕМО · Ресторан «Навруз Палас»", R.BISHKEK, "Бишкек", MEDIUM, "food service",
        ("cook", "waiter", "dishwasher", "hotel_admin"),
    ),
    # Osh city
    EmployerProfile(
        "ДЕМО · «Ош Тигүү» ЖЧК", R.OSH_CITY, "Ош", MEDIUM, "garment manufacturing",
        ("seamstress", "cutter", "loader"),
    ),
    EmployerProfile(
        "ДЕМО · «Ош Палоосу» ашканасы", R.OSH_CITY, "Ош", SMALL, "food service",
        ("cook", "waiter", "dishwasher", "baker"),
    ),
    EmployerProfile(
        "ДЕМО · «Жайма» соода борбору", R.OSH_CITY, "Ош", MEDIUM, "retail",
        ("salesperson", "cashier", "security", "loader", "cleaner"),
    ),
    EmployerProfile(
        "ДЕМО · «Шифа» клиникасы", R.OSH_CITY, "Ош", SMALL, "health care",
        ("nurse", "pharmacist", "caregiver"),
    ),
    EmployerProfile(
        "ДЕМО · «Түштүк Жол» транспорт компаниясы", R.OSH_CITY, "Ош", MEDIUM, "transport",
        ("driver", "mechanic", "loader"),
    ),
    EmployerProfile(
        "ДЕМО · «Ош Курулуш» ЖЧК", R.OSH_CITY, "Ош", SMALL, "construction",
        ("builder", "welder", "painter", "plumber", "electrician"),
    ),
    EmployerProfile(
        "ДЕМО · «Демо Эсеп» аудит", R.OSH_CITY, "Ош", SMALL, "finance",
        ("accountant", "sales_manager", "call_centre"),
    ),
    # Chuy region
    EmployerProfile(
        "ДЕМО · Кара-Балтинский швейный цех", R.CHUY, "Кара-Балта", SMALL,
        "garment manufacturing", ("seamstress", "cutter"),
    ),
    EmployerProfile(
        "ДЕМО · Токмокский хлебозавод", R.CHUY, "Токмок", MEDIUM, "food production",
        ("baker", "driver", "loader", "cleaner"),
    ),
    EmployerProfile(
        "ДЕМО · Агрофирма «Чүй Түшүмү»", R.CHUY, "Сокулук", MEDIUM, "agriculture",
        ("farm_worker", "driver", "mechanic", "storekeeper"),
    ),
    EmployerProfile(
        "ДЕМО · Металлоконструкции «Темир Уста»", R.CHUY, "Кант", SMALL, "metalwork",
        ("welder", "electrician", "loader"),
    ),
    EmployerProfile(
        "ДЕМО · Логистический центр «Сокулук»", R.CHUY, "Сокулук", LARGE, "logistics",
        ("storekeeper", "loader", "driver", "security", "courier"),
    ),
    EmployerProfile(
        "ДЕМО · Пансионат для пожилых «Мээрим»", R.CHUY, "Беловодское", SMALL, "social care",
        ("caregiver", "nurse", "cook", "cleaner"),
    ),
    # Osh region
    EmployerProfile(
        "ДЕМО · «Береке» дүкөнү", R.OSH, "Кара-Суу", MICRO, "retail",
        ("salesperson", "loader", "cashier"),
    ),
    EmployerProfile(
        "ДЕМО · Өзгөн күрүч кампасы", R.OSH, "Өзгөн", SMALL, "agriculture",
        ("farm_worker", "loader", "storekeeper", "driver"),
    ),
    EmployerProfile(
        "ДЕМО · Ноокат тигүү цехи", R.OSH, "Ноокат", MICRO, "garment manufacturing",
        ("seamstress",),
    ),
    EmployerProfile(
        "ДЕМО · «Араван» кафеси", R.OSH, "Араван", MICRO, "food service",
        ("cook", "waiter"),
    ),
    # Jalal-Abad region
    EmployerProfile(
        "ДЕМО · Жалал-Абад тигүү фабрикасы", R.JALAL_ABAD, "Жалал-Абад", MEDIUM,
        "garment manufacturing", ("seamstress", "cutter", "cleaner"),
    ),
    EmployerProfile(
        "ДЕМО · «Булак» санаторийи", R.JALAL_ABAD, "Жалал-Абад", MEDIUM, "tourism",
        ("nurse", "cook", "waiter", "hotel_admin", "cleaner"),
    ),
    EmployerProfile(
        "ДЕМО · Таш-Көмүр курулуш", R.JALAL_ABAD, "Таш-Көмүр", SMALL, "construction",
        ("builder", "welder", "electrician"),
    ),
    EmployerProfile(
        "ДЕМО · «Жаңгак» кайра иштетүү", R.JALAL_ABAD, "Базар-Коргон", SMALL, "agriculture",
        ("farm_worker", "loader"),
    ),
    EmployerProfile(
        "ДЕМО · «Дары» дарыканасы", R.JALAL_ABAD, "Кара-Көл", MICRO, "pharmacy",
        ("pharmacist", "cashier"),
    ),
    # Batken region
    EmployerProfile(
        "ДЕМО · «Баткен Өрүгү» ЖЧК", R.BATKEN, "Баткен", SMALL, "agriculture",
        ("farm_worker", "loader", "driver"),
    ),
    EmployerProfile(
        "ДЕМО · Кызыл-Кия билим борбору", R.BATKEN, "Кызыл-Кия", SMALL, "education",
        ("teacher", "kindergarten_teacher"),
    ),
    EmployerProfile(
        "ДЕМО · Сүлүктү тигүү ателье", R.BATKEN, "Сүлүктү", MICRO, "garment manufacturing",
        ("seamstress", "salesperson"),
    ),
    # Talas region
    EmployerProfile(
        "ДЕМО · «Талас Буурчагы» ЖЧК", R.TALAS, "Талас", SMALL, "agriculture",
        ("farm_worker", "driver", "loader", "storekeeper"),
    ),
    EmployerProfile(
        "ДЕМО · «Манас» соода үйү", R.TALAS, "Талас", MICRO, "retail",
        ("salesperson", "cashier", "baker"),
    ),
    EmployerProfile(
        "ДЕМО · «Бакай-Ата» балдар бакчасы", R.TALAS, "Бакай-Ата", SMALL, "education",
        ("kindergarten_teacher", "cook", "cleaner"),
    ),
    # Naryn region
    EmployerProfile(
        "ДЕМО · «Нарын» мейманканасы", R.NARYN, "Нарын", SMALL, "tourism",
        ("hotel_admin", "cook", "cleaner", "waiter"),
    ),
    EmployerProfile(
        "ДЕМО · «Кочкор Кийиз» кооперативи", R.NARYN, "Кочкор", MICRO, "handicrafts",
        ("seamstress", "salesperson"),
    ),
    EmployerProfile(
        "ДЕМО · Нарын жол курулуш", R.NARYN, "Нарын", MEDIUM, "construction",
        ("builder", "driver", "welder", "mechanic"),
    ),
    # Issyk-Kul region
    EmployerProfile(
        "ДЕМО · «Көк Деңиз» пансионаты", R.ISSYK_KUL, "Чолпон-Ата", MEDIUM, "tourism",
        ("hotel_admin", "cook", "waiter", "cleaner", "security", "dishwasher"),
    ),
    EmployerProfile(
        "ДЕМО · Karakol Guesthouse", R.ISSYK_KUL, "Каракол", SMALL, "tourism",
        ("hotel_admin", "cook", "cleaner"),
    ),
    EmployerProfile(
        "ДЕМО · «Балыкчы Транс»", R.ISSYK_KUL, "Балыкчы", SMALL, "transport",
        ("driver", "mechanic", "loader"),
    ),
    EmployerProfile(
        "ДЕМО · Каракол үй-бүлөлүк медицина борбору", R.ISSYK_KUL, "Каракол", SMALL,
        "health care", ("nurse", "pharmacist", "caregiver"),
    ),
    EmployerProfile(
        "ДЕМО · «Ысык-Көл Мөмөсү» ЖЧК", R.ISSYK_KUL, "Түп", SMALL, "agriculture",
        ("farm_worker", "storekeeper", "loader", "driver"),
    ),
)
# fmt: on

# Towns of each region; the first is the administrative centre.
LOCALITIES: Mapping[Region, tuple[str, ...]] = {
    R.BISHKEK: ("Бишкек",),
    R.OSH_CITY: ("Ош",),
    R.CHUY: ("Кара-Балта", "Токмок", "Кант", "Сокулук", "Беловодское", "Кемин"),
    R.OSH: ("Кара-Суу", "Өзгөн", "Ноокат", "Араван", "Кара-Кулжа", "Гүлчө"),
    R.JALAL_ABAD: ("Жалал-Абад", "Кара-Көл", "Таш-Көмүр", "Майлуу-Суу", "Базар-Коргон", "Токтогул"),
    R.BATKEN: ("Баткен", "Кызыл-Кия", "Сүлүктү", "Исфана", "Кадамжай"),
    R.TALAS: ("Талас", "Бакай-Ата", "Кара-Буура", "Манас"),
    R.NARYN: ("Нарын", "Кочкор", "Ат-Башы", "Чаек"),
    R.ISSYK_KUL: ("Каракол", "Балыкчы", "Чолпон-Ата", "Кызыл-Суу", "Түп", "Боконбаево"),
}

# Where seekers live: Bishkek and Osh heaviest, roughly as the population is spread.
SEEKER_REGION_WEIGHTS: Mapping[Region, int] = {
    R.BISHKEK: 27,
    R.OSH_CITY: 16,
    R.CHUY: 12,
    R.OSH: 12,
    R.JALAL_ABAD: 11,
    R.ISSYK_KUL: 9,
    R.BATKEN: 5,
    R.TALAS: 4,
    R.NARYN: 4,
}

# Name pools, by origin. Surnames are in the masculine form; see `service.demo`.
# fmt: off
FIRST_NAMES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "ky": {
        "female": (
            "Айгерим", "Айпери", "Айжан", "Гүлнара", "Жылдыз", "Нургүл", "Бермет", "Чолпон",
            "Асель", "Динара", "Мээрим", "Назира", "Бактыгүл", "Айзада", "Элнура", "Каныкей",
            "Жазгүл", "Салтанат", "Акмаал", "Бурул", "Гүлзат", "Айнура", "Зарина", "Уулкан",
        ),
        "male": (
            "Азамат", "Бакыт", "Нурлан", "Эрлан", "Улан", "Талант", "Бекзат", "Эмил",
            "Айбек", "Тилек", "Данияр", "Марат", "Кубанычбек", "Жоомарт", "Нурбек", "Алмаз",
            "Мирлан", "Эрмек", "Адилет", "Санжар", "Темирлан", "Чыңгыз", "Максат", "Асылбек",
        ),
    },
    "uz": {
        "female": ("Дилноза", "Гулчехра", "Нигора", "Мохира", "Феруза", "Зулфия", "Шахноза"),
        "male": ("Шерзод", "Бахтиёр", "Фаррух", "Улугбек", "Азиз", "Жасур", "Рустам"),
    },
    "ru": {
        "female": ("Ольга", "Елена", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Юлия"),
        "male": ("Сергей", "Андрей", "Дмитрий", "Алексей", "Игорь", "Виктор", "Николай", "Павел"),
    },
}
SURNAMES: Mapping[str, tuple[str, ...]] = {
    "ky": (
        "Асанов", "Токтогулов", "Мамбетов", "Жумабаев", "Абдыкадыров", "Осмонов", "Сыдыков",
        "Турдубаев", "Бекмуратов", "Кадыров", "Исаков", "Эсенбаев", "Сатыбалдиев", "Касымов",
        "Орозбеков", "Үсөнов", "Дүйшөнбаев", "Мырзакматов", "Табылдиев", "Бообеков",
    ),
    "uz": ("Юсупов", "Рахимов", "Эргашев", "Мирзаев", "Ташматов", "Хайдаров", "Каримов"),
    "ru": ("Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Морозов", "Ким", "Пак"),
}
# fmt: on
# Which name pools people of each region come from, with weights.
NAME_ORIGINS: Mapping[Region, Mapping[str, int]] = {
    R.BISHKEK: {"ky": 70, "ru": 25, "uz": 5},
    R.OSH_CITY: {"ky": 55, "uz": 40, "ru": 5},
    R.CHUY: {"ky": 65, "ru": 33, "uz": 2},
    R.OSH: {"ky": 70, "uz": 29, "ru": 1},
    R.JALAL_ABAD: {"ky": 72, "uz": 27, "ru": 1},
    R.BATKEN: {"ky": 80, "uz": 19, "ru": 1},
    R.TALAS: {"ky": 97, "ru": 3},
    R.NARYN: {"ky": 99, "ru": 1},
    R.ISSYK_KUL: {"ky": 85, "ru": 15},
}


@dataclass(frozen=True)
class CourseProfile:
    """A training course and the occupation groups whose seekers it suits."""

    slug: str
    title: str
    provider: str
    language: str
    description: str
    skills: tuple[str, ...]
    duration_hours: int
    cost: float  # KGS; 0 means free
    starts_on: str  # ISO date
    ends_on: str
    seats: int
    groups: tuple[str, ...]  # empty: useful to anyone


# fmt: off
COURSES: tuple[CourseProfile, ...] = (
    CourseProfile(
        "sewing", "Швейное дело: работа на промышленной машине",
        "ДЕМО · Учебный центр «Кесип»", "ru",
        "Практический курс для начинающих швей: настройка машины, прямые швы, оверлок.",
        ("швейная машина", "оверлок", "пошив одежды"), 120, 0, "2025-05-12", "2025-07-04",
        60, ("garments",),
    ),
    CourseProfile(
        "driving-c", "Айдоочулук: C категориясы", "ДЕМО · «Жол Устаты» айдоочулар мектеби",
        "ky",
        "Жүк ташуучу унааны айдоого үйрөтүүчү курс. Курстан кийин C категориясына сынак "
        "тапшырасыз.",
        ("C категориясы", "жол эрежелери", "унааны тейлөө"), 200, 18_000, "2025-09-01",
        "2025-11-28", 30, ("transport", "logistics"),
    ),
    CourseProfile(
        "cooking", "Ашпозчулуктун негиздери", "ДЕМО · «Даам» ашпозчулар мектеби", "ky",
        "Улуттук жана европалык тамактарды бышырууну, ашкана тазалыгын үйрөнөсүз.",
        ("улуттук тамактар", "ашкана тазалыгы", "меню түзүү"), 80, 0, "2025-10-06",
        "2025-12-19", 40, ("food",),
    ),
    CourseProfile(
        "excel-1c", "Excel и 1С: Бухгалтерия для начинающих", "ДЕМО · Академия «Цифра»", "ru",
        "Таблицы Excel, первичные документы и учёт в 1С для работы в офисе и на складе.",
        ("Excel", "1С", "первичная документация"), 60, 6_000, "2025-11-03", "2026-01-30", 40,
        ("office", "retail", "logistics"),
    ),
    CourseProfile(
        "russian-for-work", "Орус тили жумуш үчүн", "ДЕМО · «Тил Көпүрө» тил борбору", "ky",
        "Кардарлар жана жетекчилер менен орусча сүйлөшүүгө үйрөткөн онлайн курс.",
        ("орус тили", "иштиктүү сүйлөшүү"), 48, 0, "2026-01-12", "2026-03-06", 50, (),
    ),
    CourseProfile(
        "english-for-work", "English for Work and Tourism", "ДЕМО · Lingua Demo Centre", "en",
        "Online course in everyday English for hotels, cafes and customer service.",
        ("English", "customer service", "guest relations"), 60, 0, "2025-04-07", "2025-06-13",
        40, ("office", "food"),
    ),
    CourseProfile(
        "caregiving", "Уход за пожилыми и больными", "ДЕМО · Центр «Камкор»",
        "ru",
        "Основы ухода за пожилыми людьми на дому, первая помощь и гигиена.",
        ("уход за пожилыми", "первая помощь", "гигиена"), 72, 0, "2025-08-04", "2025-09-26",
        35, ("care",),
    ),
    CourseProfile(
        "welding", "Электр ширетүү", "ДЕМО · Кесиптик лицей (окуу курсу)", "ky",
        "Электр жана аргон менен ширетүүнүн практикалык курсу, коопсуздук эрежелери менен.",
        ("электр ширетүү", "аргон ширетүү", "металл кесүү"), 160, 9_000, "2025-09-15",
        "2025-12-12", 25, ("construction",),
    ),
    CourseProfile(
        "programming", "Основы программирования на Python", "ДЕМО · IT-школа «Код»", "ru",
        "Онлайн-курс для начинающих: Python, Git и первые веб-проекты.",
        ("Python", "Git", "HTML/CSS"), 96, 0, "2026-01-19", "2026-04-24", 40, ("office",),
    ),
    CourseProfile(
        "hairdressing", "Чачтарачтык өнөрү", "ДЕМО · «Сулуу» окуу борбору", "ky",
        "Чач кыркуу, боёо жана жасалгалоо боюнча практикалык курс.",
        ("чач кыркуу", "чач боёо", "чач жасалгалоо"), 100, 7_000, "2025-06-02", "2025-08-15",
        25, ("beauty",),
    ),
    CourseProfile(
        "entrepreneurship", "Основы предпринимательства: своё дело", "ДЕМО · Бизнес-инкубатор",
        "ru",
        "Как открыть ИП, посчитать доходы и расходы и найти первых клиентов.",
        ("бизнес-план", "учёт доходов", "маркетинг"), 24, 0, "2025-10-20", "2025-11-14", 45,
        (),
    ),
    CourseProfile(
        "digital-skills", "Санариптик сабаттуулук", "ДЕМО · «Санарип» борбору", "ky",
        "Смартфон жана компьютер менен иштөө, электрондук почта жана онлайн жумуш издөө.",
        ("компьютер", "электрондук почта", "онлайн жумуш издөө"), 24, 0, "2025-12-01",
        "2025-12-26", 60, (),
    ),
)
# fmt: on
