namespace Lantern.Grains.Pii;

/// <summary>
/// Word lists for <see cref="PersonNames"/>: common given names (the most frequent in the US, UK and Europe, from public name
/// statistics; 324 of them) and capitalized words that follow a naming phrase without being a name. Given names that are also everyday
/// words, places, brands or programming languages (Will, Mark, Grace, Jordan, Paris, Max, Ruby, Julia…) are left out on
/// purpose: a false "first name" before any capitalized word would mask ordinary text.
/// </summary>
internal static class PersonNameLists
{
    public const string GivenNames =
        "James|John|Robert|Michael|William|David|Richard|Joseph|Thomas|Charles|Christopher|Daniel|Matthew|Anthony|Donald|" +
        "Steven|Paul|Andrew|Joshua|Kenneth|Kevin|Brian|George|Timothy|Ronald|Edward|Jason|Jeffrey|Ryan|Jacob|Gary|Nicholas|" +
        "Eric|Jonathan|Stephen|Larry|Justin|Scott|Brandon|Benjamin|Samuel|Gregory|Alexander|Patrick|Raymond|Dennis|Jerry|" +
        "Tyler|Aaron|Jose|Adam|Nathan|Henry|Douglas|Zachary|Peter|Kyle|Noah|Ethan|Jeremy|Walter|Keith|Roger|Terry|Sean|" +
        "Gerald|Carl|Harold|Dylan|Arthur|Lawrence|Jesse|Bryan|Billy|Bruce|Gabriel|Joe|Logan|Alan|Juan|Albert|Willie|Elijah|" +
        "Wayne|Randy|Vincent|Roy|Ralph|Bobby|Russell|Bradley|Philip|Eugene|Louis|Harry|Howard|Liam|Oliver|Lucas|Leo|Hugo|" +
        "Felix|Oscar|Sebastian|Martin|Simon|Stefan|Hans|Klaus|Pierre|Jacques|Luca|Marco|Giovanni|Carlos|Luis|Miguel|Pedro|" +
        "Javier|Diego|Alejandro|Rafael|Fernando|Antonio|Manuel|Francisco|Ahmed|Mohammed|Muhammad|Omar|Hassan|Ivan|Dmitri|" +
        "Sergei|Igor|Vladimir|Rahul|Amit|Arjun|Hiroshi|Kenji|Jack|Frank|Victor|Steve|Mike|Tom|Jim|Dave|Chris|Matt|Nick|Tony|" +
        "Ben|Sam|Alex|Andy|Greg|Jeff|Ken|Tim|Ron|Fred|Ted|Edwin|Emil|Erik|Lars|Sven|Niels|Jens|Jonas|Tobias|Florian|Mathias|" +
        "Mary|Patricia|Jennifer|Linda|Elizabeth|Barbara|Susan|Jessica|Sarah|Karen|Lisa|Nancy|Betty|Margaret|Sandra|Ashley|" +
        "Kimberly|Emily|Donna|Michelle|Carol|Amanda|Dorothy|Melissa|Deborah|Stephanie|Rebecca|Sharon|Laura|Cynthia|Kathleen|" +
        "Amy|Angela|Shirley|Anna|Brenda|Pamela|Emma|Nicole|Helen|Samantha|Katherine|Christine|Debra|Rachel|Carolyn|Janet|" +
        "Catherine|Maria|Heather|Diane|Ruth|Julie|Olivia|Joyce|Kelly|Lauren|Christina|Joan|Evelyn|Judith|Megan|Andrea|Cheryl|" +
        "Hannah|Jacqueline|Martha|Gloria|Teresa|Sara|Frances|Kathryn|Janice|Abigail|Alice|Judy|Sophia|Denise|Doris|Marilyn|" +
        "Danielle|Beverly|Isabella|Theresa|Diana|Natalie|Brittany|Charlotte|Marie|Kayla|Alexis|Lori|Mia|Chloe|Sofia|Lucy|" +
        "Ella|Zoe|Isabel|Clara|Elena|Ana|Carmen|Lucia|Fatima|Aisha|Priya|Ananya|Yuki|Olga|Natasha|Anastasia|Ingrid|Astrid|" +
        "Heidi|Greta|Sophie|Camille|Chiara|Giulia|Francesca|Jane|Kate|Susanne|Monika|Claudia|Petra|Sabine|Ursula|Agnes|" +
        "Emilia|Amelia|Isla|Freya|Harriet|Eleanor|Margot|Nora|Elise|Louise|Marta|Paula|Silvia|Beatriz|Daniela|Gabriela|Mariana";

    /// <summary>Capitalized words that end a name: after "Dear", "Regards," or "My name is" they start a phrase, not a name.</summary>
    public static readonly HashSet<string> NotNames = new(
    [
        "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "You", "I", "My", "Your", "Our",
        "Their", "His", "Her", "Not", "Just", "Here", "There", "And", "Or", "But", "If", "So", "Sorry", "Happy", "Glad", "Fine",
        "Good", "Great", "Okay", "Ok", "Yes", "No", "Hi", "Hello", "Hey", "Dear", "Thanks", "Thank", "Please", "Team", "Staff",
        "Support", "Service", "Customer", "Customers", "Client", "Clients", "User", "Users", "Admin", "Administrator",
        "Manager", "Sir", "Madam", "Friend", "Friends", "All", "Everyone", "Everybody", "Colleagues", "Member", "Members",
        "Applicant", "Candidate", "Reader", "Readers", "Valued", "Developer", "Developers", "Assistant", "Bot", "Mode", "Model",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December", "Today", "Tomorrow", "Yesterday",
        "Unknown", "None", "Null", "Redacted", "Anonymous", "Example", "Test", "Sample", "Name", "First", "Last", "Full",
        "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Professor", "Dame", "Rev", "Inc", "Ltd", "Corp", "Company", "Group", "Bank",

        // Places named after people ("Beverly Hills", "Mariana Islands"); not surnames such as Hall or Park.
        "Street", "Road", "Avenue", "University", "College", "School", "Hospital", "Airport", "Station", "Bay", "Beach",
        "Valley", "County", "City", "Centre", "Center", "Square", "Hills", "Islands", "Island", "Strait", "River", "Mountains",
        "Falls", "Springs", "Heights", "Gardens",
    ], StringComparer.Ordinal);
}
