"""Sentence templates of the synthetic chapters, by section and by finding.

Slots (``{city}``, ``{n}``, ``{month}``...) are filled by ``prose.Writer.fill``. Sentences end
with a full stop and contain no other ``. `` so that a section can be split into paragraphs.
"""

# ruff: noqa: E501  # one sentence per line reads and diffs better than wrapped strings

from __future__ import annotations

SUMMARY_STRONG = (
    "The government of {country} fully met the minimum standards for the elimination of migrant smuggling during the reporting period.",
    "It investigated and prosecuted more smugglers than in the previous period, including organizers of networks operating from {city}.",
    "Authorities protected smuggled migrants' lives and safety and did not prosecute migrants for having been smuggled.",
    "The {agency} published complete law-enforcement statistics for the second consecutive year.",
    "Prosecutors pursued the assets of smuggling networks and obtained confiscation orders in several cases.",
    "The government cooperated closely with neighbouring states, including {neighbour}, on joint investigations.",
    "Although the government meets the minimum standards, officials continued to face smuggling along the {border}.",
)
SUMMARY_MIXED = (
    "The government of {country} made efforts to combat migrant smuggling during the reporting period, but these were uneven.",
    "Authorities convicted members of a network that moved migrants from {port} toward {neighbour}.",
    "The {agency} opened new reception facilities near the {border} and instructed officers to refer smuggled migrants to assistance.",
    "However, investigations of complicit officials remained rare, and prosecutors seldom pursued the profits of smuggling.",
    "Shelters were overcrowded for much of the year, and civil society reported that migrants outside {capital} received little help.",
    "The government did not publish its smuggling statistics and supplied figures only on request.",
    "Legislative reform to introduce aggravated penalties remained pending before the legislature.",
    "Cooperation with {neighbour} improved, although several extradition requests remained unanswered.",
)
SUMMARY_WEAK = (
    "The government of {country} did not make significant efforts to combat migrant smuggling during the reporting period.",
    "Authorities reported few investigations and no convictions of network organizers.",
    "Credible reports indicated that border officials in the {border} accepted payments to let smuggled migrants pass.",
    "The government detained smuggled migrants for irregular entry and deported some without screening.",
    "No coordinated response to maritime smuggling from {port} was in place, and deaths at sea continued to rise.",
    "The government did not publish any data on its law-enforcement efforts.",
    "Plans for a national action plan announced in {older} had not been adopted by the end of the period.",
)
PROSECUTION = (
    "The government's law-enforcement efforts were concentrated in {capital} and {city}.",
    "Authorities opened {n} investigations into migrant smuggling and prosecuted suspects in most of them.",
    "In {month} {year}, police dismantled a network that moved migrants by truck from {city} toward the {border}, arresting {n} suspects.",
    "Courts handed down sentences ranging from two to nine years' imprisonment, most of them for drivers and guides.",
    "The {prosecutor} created a dedicated smuggling unit with {n} prosecutors trained in financial investigations.",
    "Prosecutors continued to struggle to identify the organizers of networks, who frequently operated from abroad.",
    "Judges often suspended sentences for first offenders, which observers said weakened deterrence.",
    "The financial intelligence unit reported {n} suspicious transaction reports linked to smuggling payments.",
    "Investigators relied heavily on intercepted messages from encrypted applications, which delayed several trials.",
    "A court in {city} convicted a former customs officer for taking bribes from a smuggling network.",
    "Police seized {n} vehicles and several boats used to transport migrants in unsafe conditions.",
    "Officials reported that case backlogs in the regional courts delayed trials by more than a year.",
    "Defendants convicted of endangering migrants' lives received the longest sentences recorded to date.",
    "The government did not report any investigation of officials complicit in smuggling despite press reports of bribery at {port}.",
)
PROTECTION = (
    "The {agency} assisted {big} smuggled migrants during the reporting period.",
    "Authorities operated reception centres in {city} and near the {border}, with a combined capacity of {big} places.",
    "Medical care, food and legal information were available in all centres, although interpretation was limited.",
    "The law exempts smuggled migrants from criminal liability for their irregular entry, and observers reported no prosecutions of migrants.",
    "Officers received guidance on screening migrants for protection needs, including victims of trafficking.",
    "Unaccompanied children were placed in the care of child-protection services rather than in detention.",
    "The {ngo} reported that some migrants were held in police stations for several days before transfer.",
    "The coast guard conducted {n} search-and-rescue operations off {port} and disembarked survivors promptly.",
    "The government funded the {ngo} to provide psychosocial support to survivors of dangerous journeys.",
    "Migrants who witnessed smuggling crimes could obtain temporary residence while they cooperated with prosecutors.",
    "Deaths in the desert approaches to the {border} prompted the deployment of additional rescue patrols.",
    "Civil society reported that reception conditions deteriorated in {month} {year} when arrivals peaked.",
)
PREVENTION = (
    "The government maintained prevention efforts.",
    "The {agency} introduced biometric registration at the main crossing points on the {border}.",
    "Carriers that transported passengers without valid documents were fined in {n} cases.",
    "A national campaign warned of the dangers of irregular journeys, with radio spots in {n} local languages.",
    "The civil registry began issuing passports with new security features in {month} {year}.",
    "Authorities answered document-verification requests from foreign governments within an average of {n} days.",
    "Development programmes in the districts around {city} sought to address the economic causes of departures.",
    "Border guards received training on detecting forged documents with support from international partners.",
    "The government did not evaluate the impact of its awareness campaigns.",
    "Schools in departure regions included a module on safe migration in their curriculum.",
    "An inter-ministerial committee coordinated prevention work and met {n} times during the period.",
)
PARTNERSHIP = (
    "The government accepted {n} return flights of its nationals and issued travel documents without undue delay.",
    "Prosecutors exchanged evidence with {neighbour} in a joint investigation of a maritime network.",
    "The government signed a memorandum of understanding on information sharing with {neighbour} in {month} {year}.",
    "Authorities extradited {n} suspects to face smuggling charges abroad.",
    "Several requests for mutual legal assistance remained pending for more than a year.",
    "The {agency} published an annual report with law-enforcement and protection data.",
    "Liaison officers from {neighbour} were posted at the port of {port}.",
    "The government participated in regional meetings on smuggling routes and shared risk analyses with partners.",
    "Data on prosecutions and convictions were published only in part, and figures from different agencies did not match.",
    "International organizations helped the government set up a case-management system for smuggling cases.",
)
PROFILE = (
    "{Country} is a country of origin, transit and destination for smuggled migrants.",
    "Smugglers move migrants from {port} by boat toward {neighbour}, often in overloaded fishing vessels.",
    "Overland routes run from {capital} through {city} to the {border}, where migrants cross on foot at night.",
    "Networks advertise their services on social media and collect payment through informal money transfer systems.",
    "Local drivers and guides are recruited by organizers based abroad, who rarely enter the country.",
    "Migrants from outside the region arrive by air in {capital} on tourist visas and continue overland.",
    "Smugglers increasingly use forged residence permits and stolen passports bought online.",
    "Migrant deaths are recorded mostly at sea off {port} and in the deserts near the {border}.",
    "Women and children travelling alone are at particular risk of exploitation by smugglers.",
    "Some migrants are held by smugglers in safe houses in {city} until relatives pay additional fees.",
    "Corruption among border and port officials facilitates the passage of migrants without checks.",
)
RECOMMENDATIONS = (
    "Increase investigations and prosecutions of network organizers, not only of drivers and guides.",
    "Investigate and prosecute officials who facilitate migrant smuggling, and publish the outcomes.",
    "Open financial investigations in smuggling cases and seek confiscation of smugglers' assets.",
    "Enact aggravated penalties for smuggling that endangers migrants' lives or safety.",
    "Expand reception capacity and medical care along the main smuggling routes.",
    "Ensure that smuggled migrants are not prosecuted or detained for having been smuggled.",
    "Screen smuggled migrants for protection needs, including indicators of trafficking.",
    "Strengthen search and rescue at sea and disembark survivors without delay.",
    "Publish annual law-enforcement statistics on smuggling cases, disaggregated by role.",
    "Answer requests for mutual legal assistance and extradition without undue delay.",
    "Evaluate awareness campaigns and extend them to the regions where most departures occur.",
    "Train border officials to detect forged documents and to identify smuggled migrants at risk.",
)

ACTIONS: dict[str, tuple[str, ...]] = {
    "C01": (
        "Police dismantled a network that moved migrants from {city} to the {border}, arresting {n} suspects.",
        "A court in {city} convicted {n} members of a smuggling network and sentenced them to up to eight years' imprisonment.",
        "The {prosecutor} indicted the leader of a network that smuggled migrants through {port}.",
    ),
    "C02": (
        "Prosecutors charged {n} border officers in the {border} with taking bribes from smugglers.",
        "A court convicted a port official in {port} for issuing false clearance documents to a smuggling network.",
    ),
    "C03": (
        "Prosecutors obtained the confiscation of assets worth {big} thousand from convicted smugglers.",
        "The financial intelligence unit froze {n} bank accounts used to collect smuggling fees.",
    ),
    "C04": (
        "The {agency} opened a reception centre with {big} places near the {border}.",
        "The government funded medical teams at disembarkation points in {port}.",
    ),
    "C05": (
        "A directive instructed officers to refer smuggled migrants to screening and assistance, not to the police.",
        "Prosecutors withdrew charges of irregular entry against {n} smuggled migrants under the exemption in the law.",
    ),
    "C06": (
        "The coast guard rescued {n} migrants from a sinking boat off {port} and arrested its crew.",
        "The coast guard carried out {n} search-and-rescue operations and reported no pushback of a vessel in distress.",
    ),
    "C07": (
        "Automated border gates entered service at the airport of {capital}.",
        "Civil aviation authorities fined {n} airlines for boarding passengers without valid visas.",
    ),
    "C08": (
        "The civil registry began issuing passports with a new security chip.",
        "The {agency} answered {n} document-verification requests from foreign governments within thirty days.",
    ),
    "C09": (
        "The government ran a radio campaign on the dangers of irregular journeys in the regions around {city}.",
        "A job-creation programme for young people was launched in {n} districts with high rates of departure.",
    ),
    "C10": (
        "The government accepted {n} return flights of its nationals and issued emergency travel documents within a week.",
        "The {agency} signed readmission arrangements with two destination countries.",
    ),
    "C11": (
        "Prosecutors shared telephone and financial records with {neighbour} in a joint smuggling investigation.",
        "The government extradited {n} suspects wanted for smuggling to {neighbour}.",
    ),
    "C12": (
        "The {agency} published its annual statistics on smuggling investigations, prosecutions and convictions.",
        "The government launched an online dashboard of smuggling cases updated every quarter.",
    ),
    "C13": (
        "Convictions of network organizers rose to {n}, from {pct} in the previous period.",
        "The government adopted a national action plan against migrant smuggling with a dedicated budget.",
    ),
    "MS1": (
        "The Aliens and Migration Law of {older} criminalizes procuring the illegal entry of a person for a financial or other material benefit.",
    ),
    "MS2": (
        "The law provides aggravated penalties where smuggling endangers the life or safety of migrants or involves inhuman treatment.",
    ),
    "MS3": (
        "The law prescribes three to ten years' imprisonment, comparable to the penalties for other serious crimes.",
    ),
    "D1": (
        "Officials organized the transport of migrants to the border with {neighbour} in state buses, as reported by several observers.",
    ),
    "D2": (
        "A deputy minister named in court records as protecting a smuggling network remained in office, and no investigation was opened.",
    ),
}
PLANNED = (
    "The {ministry} plans a specialized smuggling unit.",
    "The legislature scheduled a vote on a bill introducing aggravated penalties.",
)
NOTES = {
    "partial": (
        "Efforts were limited to {capital} and did not reach the regions where most departures occur.",
        "The measures were welcome but small compared with the scale of smuggling along the {border}.",
        "Figures were supplied only in part, which makes progress hard to assess.",
    ),
    "not_met": (
        "The government reported no action on this criterion during the period.",
        "Observers reported no concrete action, despite repeated recommendations.",
        "An earlier measure lapsed and was not replaced during the reporting period.",
    ),
    "MS2": ("The law sets one penalty range whatever the conditions of transport.",),
}
SPECIAL_REASONS = (
    "No functioning central government exercised authority over the country's territory during the reporting period.",
    "Armed conflict prevented the collection of reliable information on the government's efforts.",
)
INTRODUCTION = (
    "This synthetic edition was generated for the tierreport benchmark.",
    "Every country, town, figure and source in it is invented; none of it describes a real government.",
    "Its purpose is to measure how long the report takes to check, build and print at the scale of a real edition.",
)
