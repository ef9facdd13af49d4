using System.Net;
using System.Text.RegularExpressions;
using ReverseMentoring.Tests.Security.Matrix;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// Every form of the app, driven with hostile input one field at a time: overlong text, script and HTML, odd Unicode,
/// impossible dates and numbers, missing fields, tampered hidden fields and ids. Whatever is sent: never a 500; a 400
/// says what is wrong; what was typed comes back HTML-encoded; a refused post saves nothing. The forms are read from
/// the pages themselves, so a new field is covered as soon as it is rendered, and a new page with a POST handler fails
/// <see cref="Every_page_with_a_post_handler_has_a_row_and_every_row_a_page"/> until it has a row in <see cref="Forms"/>.
/// </summary>
public sealed partial class BadInputTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    public const string Script = "<script>alert(1)</script><b>x</b>";

    /// <summary>Right-to-left override, zero-width joiner, emoji, combining marks, and the replacement character.</summary>
    public const string OddUnicode = "\u202Eevil\u200D👩‍💻 e\u0301\u0308\uFFFD";

    /// <summary>
    /// A NUL character. The framework refuses such a form before any page sees it (400 with the generic error page),
    /// which is fine: nobody types one; what matters is no 500 and nothing saved.
    /// </summary>
    public const string Nul = "a\u0000b";

    /// <summary>Dates outside the supported years (2000 to 2100) that still bind as dates.</summary>
    public static IReadOnlyList<string> OutOfRangeDates { get; } = ["9999-12-31", "0001-01-01"];

    /// <summary>
    /// A page with POST handlers: where its forms are fetched (default: the page's URL in <see cref="PageTable"/>, as its
    /// first allowed person), the valid values a form starts from when the page renders it empty, the handlers
    /// no form of the seeded world reaches, with why, and further URLs of the same page that show its other forms (a
    /// record in another state, a confirmation step).
    /// </summary>
    public sealed record FormRow(
        string Route, string? Url = null, Who? As = null, Dictionary<string, string>? Base = null, Dictionary<string, string>? Unreached = null,
        IReadOnlyList<string>? MoreUrls = null);

    public static IReadOnlyList<FormRow> Forms { get; } =
    [
        new("/Account/ChangePassword"),
        new("/Account/Profile"),
        new("/Account/ReminderChat", Unreached: new() { ["Email"] = "shown only once reminders go to chat; Chat/ChatWebhookTests turns them back to e-mail" }),
        new("/Account/Register", As: Who.Anonymous),
        new("/Account/SignIn", As: Who.Anonymous),
        new("/Coordinator/Alerts"),
        new("/Dashboard/MonthlySummary"),
        new("/Participant/Programs/{programId}/Enrol"),
        new("/Participant/Programs/{programId}/Resources"),
        new("/Participant/Programs/{programId}/Pairs/{pairId}/{answer}"),
        new("/Participant/Programs/{programId}/Withdraw"),
        new("/Participant/Feedback/Give/{sessionId}"),
        new("/Participant/Sessions/Log/{id}"),
        new("/Participant/Pairs/{pairId}/Agreement"),
        new("/Participant/Pairs/{pairId}/Goals", Unreached: new() { ["Edit"] = "shown only for a goal of one's own; Goals/PairGoalsTests changes goals" }),
        new("/Participant/Journal/Write"),
        new("/Knowledge/Offer", Base: new() { ["Data.Title"] = "Prompting for leaders", ["Data.Date"] = "2030-06-04", ["Data.Time"] = "10:00", ["Data.Location"] = "https://meet.example.com/k" }),
        new("/Programs/{programId}/Agreement"),
        new("/Programs/Create", Base: new() { ["Data.Name"] = "Spring cohort", ["Data.Objectives"] = "Leaders learn AI tools.", ["Data.StartsOn"] = "2027-03-01", ["Data.EndsOn"] = "2027-09-30" }),
        new("/Account/MyData"),
        new("/Participant/Sessions/Schedule", Base: new() { ["Data.Time"] = "23:30", ["Data.Location"] = "https://meet.example.com/late" }),
        new("/Participant/Sessions/Reschedule/{id}"),
        new("/Participant/Sessions/Cancel/{id}"),
        new("/Participant/CheckIns/{id}"),
        new("/Participant/CheckIns/{id}/Met"),
        // The mentee rates the skills in play; the mentor rates the program's growth areas, which the seeded program has none of.
        new("/Participant/Skills/Progress/{pairId}", As: Who.Mentee, Unreached: new()
        {
            ["Growth"] = "shown to the mentor once the program has growth areas; Skills/GrowthAreaTests rates them",
            ["Traits"] = "shown to the mentee once the pair has ended; Skills/FutureLeadersTests rates the mentor",
        }),
        new("/Participant/EndPair/{pairId}"),
        new("/Participant/Pairs/{pairId}/Messages"),
        new("/Participant/Pairs/{pairId}/Concern"),
        new("/People/Erase/{userId}"),
        new("/Provisioning/Tokens", Base: new() { ["Create.Name"] = "Entra ID" },
            Unreached: new() { ["Revoke"] = "shown only once a token exists; Provisioning/ProvisioningTokensTests revokes one" }),
        new("/Programs/{programId}/Pairs/End"),
        new("/Programs/{programId}/Pairs/{pairId}/End"),
        new("/Programs/{programId}/Pairs/{pairId}"),
        new("/Programs/{id}", MoreUrls: ["/Programs/{archivedProgram}"],
            Unreached: new() { ["RemoveCoordinator"] = "shown only while a program has two coordinators or more; Programs/ProgramCoordinatorsTests removes them" }),
        // The enrolling program: editing one whose topics are on sessions fails on a foreign key (see the report).
        new("/Programs/{id}/Edit", Url: "/Programs/{enrollingProgram}/Edit"),
        new("/Programs/{id}/Archive", Url: "/Programs/{closedProgram}/Archive"),
        new("/Programs/{id}/Copy"),
        new("/Programs/{programId}/Emails/{kind}", Unreached: new() { ["Reset"] = "shown only for wording the program customised" }),
        new("/Programs/{programId}/Chat", Unreached: new()
        {
            ["Test"] = "shown only once a channel is connected; Chat/ChatWebhookTests sends one",
            ["Disconnect"] = "shown only once a channel is connected",
        }),
        new("/Programs/{programId}/CheckIns"),
        new("/Programs/{programId}/CheckIns/Settings"),
        new("/Programs/{programId}/GrowthAreas", Unreached: new()
        {
            ["Rename"] = "shown only once the program has growth areas; Skills/GrowthAreaTests renames them",
            ["Retire"] = "shown only once the program has growth areas; Skills/GrowthAreaTests retires them",
        }),
        new("/Programs/{programId}/CheckIns/{id}/Edit"),
        new("/Programs/{programId}/CheckIns/{id}/Retire"),
        new("/Programs/{programId}/Enrolments/{id}", Url: "/Programs/{enrollingProgram}/Enrolments/{pendingEnrolment}"),
        // The confirmation of a bulk decision, for one pending enrolment; rejecting asks for the reason as well.
        new("/Programs/{programId}/Enrolments/Decide", MoreUrls: ["/Programs/{enrollingProgram}/Enrolments/Decide?Data.Decision=Reject&Data.Ids={pendingEnrolment}"]),
        new("/Programs/{programId}/Enrolments/Import"),
        new("/Programs/{programId}/Invitations"),
        new("/Programs/{programId}/Invitations/Resend"),
        new("/Programs/{programId}/Invitations/{id}/Revoke"),
        // The seeded world has a pairing run with one pinned pair; the ban, the swap and publishing ask for confirmation first.
        new("/Programs/{programId}/Pairing", MoreUrls: [
            "/Programs/{matchingProgram}/Pairing?ban={runPairKey}",
            "/Programs/{matchingProgram}/Pairing?{runSwap}",
            "/Programs/{matchingProgram}/Pairing?publish=true"]),
        new("/Programs/{programId}/Message", Base: new() { ["Data.Subject"] = "Kick-off", ["Data.Text"] = "See you on Monday." }),
        new("/Programs/{programId}/Resources"),
        new("/Programs/{programId}/Resources/{id}/Delete"),
        new("/OrgChart/Upload", Unreached: new() { ["Confirm"] = "shown only once a file has been previewed; OrgChart/UploadOrgChartTests confirms one" }),
        new("/Skills", Unreached: new() { ["Reinstate"] = "shown only for a retired skill" }),
        new("/Skills/Create", Base: new() { ["Data.Name"] = "Podcasting", ["Data.Description"] = "Recording and publishing audio." }),
        new("/Skills/{id}/Edit"),
        new("/Skills/{id}/Delete"),
    ];

    /// <summary>Pages with a POST handler that no test here drives, with why.</summary>
    public static IReadOnlyDictionary<string, string> NotDriven { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/Account/SignOut"] = "its form holds only the anti-forgery token, and posting it ends the test's session",
        ["/Account/BreakGlassSignIn"] = "shown only where single sign-on is the only way in; SingleSignOn/BreakGlassSignInTests posts it",
        ["/Account/ChooseRole"] = "shown only to a person single sign-on made who holds no role yet; SingleSignOn/SignInWithSingleSignOnTests posts it",
        ["/Account/ConfirmEmail"] = "its form holds only the e-mailed link's two values; Account/OpenRegistrationTests posts real and forged ones",
        ["/Error"] = "the status page re-executed for failed POSTs; it has no form",
        ["/Participant/Calendar"] = "its two forms hold no field but the anti-forgery token, so there is nothing to tamper with; Calendars/CalendarFeedTests posts both",
        ["/Participant/Programs/{programId}/RankPartners"] = "its form is shown only in a preference-led program; Pairing/RankPartnersTests posts good, tampered and out-of-range ranks",
        ["/Participant/Groups/Create/{programId}"] = "its form shows only to a mentor with two accepted mentees outside a group; Groups/CreateGroupTests posts refused mentees, names and other mentors' pairs",
        ["/Participant/Groups/{id}"] = "the group's message form; Groups/GroupSessionTests posts as an outsider, and the text is shown encoded like every message",
        ["/Participant/Groups/{groupId}/Schedule"] = "the session plan fields of /Participant/Sessions/Schedule, checked by the same validator; Groups/GroupSessionTests posts clashes and a member's attempt",
        ["/Participant/GroupSessions/{id}"] = "its cancel form is the mentor's only; Groups/GroupSessionTests posts a member's cancel and checks nothing changed",
        ["/Participant/GroupSessions/{id}/Log"] = "Groups/GroupSessionTests posts a member's log and an attendee outside the group, and checks nothing was saved",
        ["/Knowledge/{id}"] = "its forms hold no field (sign up, give up a seat) or are shown only to the host (seats, cancel); KnowledgeSharing/SignUpForKnowledgeSessionTests sends each with bad input",
        ["/Knowledge/{id}/Attendance"] = "its form is shown only once the session has started; KnowledgeSharing/RecordAttendanceAndFeedbackTests sends tampered ids",
        ["/Knowledge/{id}/Feedback"] = "its form is shown only to someone the host marked as having come; KnowledgeSharing/RecordAttendanceAndFeedbackTests sends bad ratings",
        ["/Mail/Undelivered"] = "its only form, try again, is shown only for an e-mail that could not be delivered; Mail/OutboxTests posts it",
        ["/Participant/Programs/{programId}/Requests"] = "its forms are shown only to an unpaired mentee of a self-service program; SelfService/RequestMentorsTests posts tampered and refused choices",
        ["/Participant/Programs/{programId}/Places"] = "its form is shown only to a mentor of a self-service program; SelfService/MentorPlacesTests posts refused values",
        ["/Participant/Requests/{requestId}"] = "shown only for a request sent to the signed-in mentor; SelfService/AnswerRequestTests posts answers late, twice and as others",
    };

    [Fact]
    public async Task The_sign_out_button_in_the_navigation_signs_out()
    {
        var client = await app.FreshClientAsync(Who.Mentor);
        var html = await client.GetHtmlAsync("/Participant");
        var form = HtmlForms.PostFormsOf(html, "/Participant").Single(f => f.Action == "/Account/SignOut");

        using var content = new FormUrlEncodedContent(form.Fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await client.PostAsync(new Uri(form.Action, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var after = await client.GetAsync(new Uri("/Participant", UriKind.Relative));
        Assert.Equal(Outcome.SignIn, AuthorizationMatrixTests.Classify(after));
    }

    /// <summary>
    /// Each form row with each URL that shows its forms, every other one: the forms take about three minutes, so they are
    /// driven in two halves, here and in <see cref="BadInputOnTheOtherFormsTests"/>, which run side by side.
    /// </summary>
    public static TheoryData<string, string> Cases(int half)
    {
        var cases = new TheoryData<string, string>();
        var index = 0;
        foreach (var row in Forms)
        {
            foreach (var url in UrlsOf(row))
            {
                if (index++ % 2 == half)
                {
                    cases.Add(row.Route, url);
                }
            }
        }

        return cases;
    }

    private static IEnumerable<string> UrlsOf(FormRow row) => [row.Url ?? PageTable.Row(row.Route).Url, .. row.MoreUrls ?? []];

    [Fact]
    public async Task Every_page_with_a_post_handler_has_a_row_and_every_row_a_page()
    {
        var discovered = (await app.DiscoverPostHandlersAsync()).Keys.ToList();
        var listed = Forms.Select(f => f.Route).Concat(NotDriven.Keys).ToList();

        var missing = discovered.Except(listed, StringComparer.Ordinal).Select(r => $"Page with a POST handler but no row in Forms: new(\"{r}\"),");
        var gone = listed.Except(discovered, StringComparer.Ordinal).Select(r => $"Row for a page without POST handlers: {r}");

        var problems = missing.Concat(gone).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Cases), 0)]
    public Task Hostile_input_on_each_form_is_refused_cleanly_or_saved_encoded(string route, string urlTemplate) =>
        DriveHostileInputAsync(route, urlTemplate);

    internal async Task DriveHostileInputAsync(string route, string urlTemplate)
    {
        var row = Forms.Single(f => f.Route == route) with { Url = urlTemplate };
        var page = PageTable.Row(route);
        var who = row.As ?? PageTable.AllowedPerson(page) ?? throw new InvalidOperationException($"Nobody may open {route}.");
        // A client of its own per form (and for HR a person of its own), so one form's accepted post cannot spoil the next.
        var client = who switch
        {
            Who.Anonymous => app.Client(),
            Who.Hr or Who.Leadership => await app.SignedInClientAsync(MatrixApp.RoleOf(who)),
            _ => await app.FreshClientAsync(who),
        };
        var world = await app.SeedAsync();
        var problems = new List<string>();

        var (html, url) = await OpenAsync(client, row, page, world);
        var forms = HtmlForms.PostFormsOf(html!, url)
            .Where(f => SamePage(f.Action, url))
            .DistinctBy(f => f.Shape)
            .ToList();
        Assert.True(forms.Count > 0, $"No form posting to {url} on the page as {who}.");

        // Handlers are reached on any of the row's URLs; each case drives the forms of its own URL.
        var reached = new List<HtmlForm>(forms);
        foreach (var other in UrlsOf(Forms.Single(f => f.Route == route)).Where(u => u != urlTemplate))
        {
            var (otherHtml, otherUrl) = await OpenAsync(client, row with { Url = other }, page, world);
            reached.AddRange(HtmlForms.PostFormsOf(otherHtml!, otherUrl).Where(f => SamePage(f.Action, otherUrl)));
        }

        var handlers = (await app.DiscoverPostHandlersAsync())[route];
        var unreached = handlers
            .Where(h => !reached.Any(f => string.Equals(f.Handler, h, StringComparison.OrdinalIgnoreCase)))
            .Where(h => row.Unreached?.ContainsKey(h) != true)
            .ToList();
        Assert.True(unreached.Count == 0, $"Handlers of {route} no form reached: {string.Join(", ", unreached)}. Seed what shows their form, or list them in Unreached with why.");

        foreach (var shape in forms.Select(f => f.Shape))
        {
            foreach (var variant in Variants(forms.First(f => f.Shape == shape), world))
            {
                // Each try starts from the page as it is now: fresh token and version, or a fresh world if an accepted try ended it.
                var (currentHtml, currentUrl) = await OpenAsync(client, row, page, world, allowMissing: true);
                if (currentHtml is null)
                {
                    world = await app.SeedAsync();
                    (currentHtml, currentUrl) = await OpenAsync(client, row, page, world);
                }

                var form = HtmlForms.PostFormsOf(currentHtml!, currentUrl).FirstOrDefault(f => f.Shape == shape);
                if (form is null)
                {
                    world = await app.SeedAsync();
                    (currentHtml, currentUrl) = await OpenAsync(client, row, page, world);
                    form = HtmlForms.PostFormsOf(currentHtml!, currentUrl).First(f => f.Shape == shape);
                }

                await TryAsync(client, form, row, variant, problems);
            }
        }

        Assert.True(problems.Count == 0, $"{route} as {who}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Distinct())}");
    }

    /// <summary>
    /// Every page whose GET form filters by date, and the views and downloads that take the same filters: the page's
    /// route, the URL fetched, the names of its first-day and last-day fields, and who asks.
    /// </summary>
    public static IReadOnlyList<(string Route, string Url, string From, string To, Who As)> DateFilters { get; } =
    [
        ("/Dashboard", "/Dashboard", "From", "To", Who.Leadership),
        ("/Dashboard", "/Dashboard", "From", "To", Who.Hr),
        ("/Dashboard/Print", "/Dashboard/Print", "From", "To", Who.Leadership),
        ("/Dashboard/Export", "/Dashboard/Export?table=ratings", "From", "To", Who.Leadership),
        ("/Programs/{programId}/Report", "/Programs/{program}/Report", "From", "To", Who.Hr),
        ("/Audit", "/Audit", "Data.From", "Data.To", Who.Hr),
        ("/Audit", "/Audit?handler=Csv", "Data.From", "Data.To", Who.Hr),
    ];

    public static TheoryData<string, string, string, Who> DateFilterCases()
    {
        var cases = new TheoryData<string, string, string, Who>();
        foreach (var (_, url, from, to, who) in DateFilters)
        {
            foreach (var field in new[] { from, to })
            {
                foreach (var date in OutOfRangeDates)
                {
                    cases.Add(url, field, date, who);
                }
            }
        }

        return cases;
    }

    [Fact]
    public async Task Every_page_with_a_date_filter_has_a_row_in_the_date_filters()
    {
        var world = await app.WorldAsync();
        var missing = new List<string>();
        foreach (var row in PageTable.Rows)
        {
            if (PageTable.AllowedPerson(row) is not { } who || who == Who.Anonymous)
            {
                continue;
            }

            using var response = await (await app.ClientAsync(who)).GetAsync(new Uri(world.Url(row.Url), UriKind.Relative));
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (HtmlForms.GetFormsOf(html, world.Url(row.Url)).Any(f => f.Fields.Any(field => field.Kind == "date"))
                && !DateFilters.Any(d => d.Route == row.Route))
            {
                missing.Add(row.Route);
            }
        }

        Assert.True(missing.Count == 0, $"Pages filtering by date without a row in DateFilters: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(DateFilterCases))]
    public async Task A_date_filter_out_of_the_supported_years_is_refused_with_a_message_not_a_500(string urlTemplate, string field, string date, Who who)
    {
        var world = await app.WorldAsync();
        var url = world.Url(urlTemplate);
        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{Uri.EscapeDataString(field)}={date}";

        using var response = await (await app.ClientAsync(who)).GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        // The dashboard's pages keep their form and answer with the message next to the filter; the others refuse.
        var answersWithTheForm = urlTemplate.StartsWith("/Dashboard", StringComparison.Ordinal) && !urlTemplate.Contains("Export", StringComparison.Ordinal)
            || urlTemplate.EndsWith("/Report", StringComparison.Ordinal);
        var expected = answersWithTheForm ? HttpStatusCode.OK : HttpStatusCode.BadRequest;
        Assert.True(response.StatusCode == expected, $"GET {url} as {who}: {(int)response.StatusCode}, expected {(int)expected}");
        Assert.True(ShowsAMessage(body), $"GET {url} as {who}: {(int)response.StatusCode} without a message saying what is wrong");
    }

    private static async Task<(string? Html, string Url)> OpenAsync(HttpClient client, FormRow row, PageRow page, World world, bool allowMissing = false)
    {
        var url = world.Url(row.Url ?? page.Url);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK && allowMissing)
        {
            return (null, url);
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return (await response.Content.ReadAsStringAsync(), url);
    }

    private static bool SamePage(string action, string pageUrl) =>
        string.Equals(action.Split('?')[0], pageUrl.Split('?')[0], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One hostile change to a form: its name in failure messages, and the fields to send. Typed: a person could have
    /// typed it, so a refusal must say what is wrong; a tampered hidden field or option may get a bare 400 (nobody to tell).
    /// </summary>
    private sealed record Variant(string Name, Func<HtmlForm, FormRow, List<KeyValuePair<string, string>>> Fields, bool Typed = true);

    private static IEnumerable<Variant> Variants(HtmlForm form, World world)
    {
        yield return new Variant("all fields missing", (f, _) => f.Fields.Where(IsToken).Select(Pair).ToList());

        foreach (var name in form.Fields.Where(f => !IsToken(f)).Select(f => f.Name).Distinct(StringComparer.Ordinal))
        {
            var field = form.Fields.First(f => f.Name == name);
            foreach (var (label, value) in BadValuesFor(field, world))
            {
                yield return new Variant($"{name} = {label}", (f, row) => With(f, row, name, value),
                    Typed: field.Kind is not ("hidden" or "select" or "radio" or "checkbox") && value != Nul);
            }

            // The last minutes of the last day a date can hold: a session there would end after it.
            if (field.Kind == "date" && form.Fields.FirstOrDefault(f => f.Kind == "time") is { } time)
            {
                yield return new Variant($"{name} = 9999-12-31 at 23:30", (f, row) => With(With(f, row, name, "9999-12-31"), time.Name, "23:30"));
            }
        }
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, string value) =>
        fields.Select(f => f.Key == name ? new KeyValuePair<string, string>(name, value) : f).ToList();

    private static IEnumerable<(string Label, string Value)> BadValuesFor(FormField field, World world)
    {
        switch (field.Kind)
        {
            case "date" or "datetime-local" or "month" or "week":
                yield return ("30 February", "2027-02-30");
                yield return ("not a date", "not a date");
                yield return ("year 99999", "99999-01-01");
                if (field.Kind == "date")
                {
                    foreach (var date in OutOfRangeDates)
                    {
                        yield return (date, date);
                    }
                }

                break;
            case "time":
                yield return ("25:61", "25:61");
                yield return ("not a time", "noon-ish");
                break;
            case "number" or "range":
                yield return ("-1", "-1");
                yield return ("99999999999", "99999999999");
                yield return ("1e309", "1e309");
                yield return ("not a number", "abc");
                break;
            case "hidden" when field.Name.EndsWith("Version", StringComparison.Ordinal):
                yield return ("another version", Guid.NewGuid().ToString());
                yield return ("not a version", "abc");
                break;
            case "hidden":
                if (OtherRecordFor(field.Name, world) is { } other)
                {
                    yield return ("someone else's record", other);
                }

                yield return ("abc", "abc");
                yield return ("99999999", "99999999");
                yield return ("script", Script);
                break;
            case "select" or "radio":
                yield return ("abc", "abc");
                yield return ("99999999999", "99999999999");
                yield return ("script", Script);
                break;
            case "checkbox":
                yield return ("not a boolean", "maybe");
                break;
            case "file" or "submit":
                break;
            default:
                yield return ("overlong", new string('a', field.MaxLength is { } max ? Math.Max(max * 10, max + 1) : 10_000));
                yield return ("script", Script);
                yield return ("odd Unicode", OddUnicode);
                yield return ("NUL", Nul);
                break;
        }
    }

    private static string? OtherRecordFor(string fieldName, World world)
    {
        var token = fieldName switch
        {
            _ when fieldName.EndsWith("SessionId", StringComparison.Ordinal) => "otherSession",
            _ when fieldName.EndsWith("PairId", StringComparison.Ordinal) => "otherPair",
            _ when fieldName.EndsWith("EnrolmentId", StringComparison.Ordinal) => "otherEnrolment",
            _ when fieldName.EndsWith("CheckInId", StringComparison.Ordinal) => "otherCheckIn",
            _ when fieldName.EndsWith("ProgramId", StringComparison.Ordinal) => "matchingProgram",
            _ => null,
        };
        return token is null ? null : world.Tokens[token];
    }

    private static bool IsToken(FormField field) => field.Name == "__RequestVerificationToken";

    private static KeyValuePair<string, string> Pair(FormField field) => new(field.Name, field.Value);

    /// <summary>The form as rendered, with the row's valid base values filled into empty fields, and one field changed.</summary>
    private static List<KeyValuePair<string, string>> With(HtmlForm form, FormRow row, string name, string value)
    {
        var fields = form.Fields.Select(f => f.Value.Length == 0 && row.Base?.TryGetValue(f.Name, out var valid) == true ? new FormField(f.Name, f.Kind, valid, f.MaxLength) : f).ToList();
        var changed = false;
        var result = new List<KeyValuePair<string, string>>();
        foreach (var field in fields)
        {
            if (field.Name != name)
            {
                result.Add(Pair(field));
            }
            else if (!changed)
            {
                // A checkbox's hidden "false" companion goes too, so only the hostile value is bound.
                result.Add(new(name, value));
                changed = true;
            }
        }

        return result;
    }

    private async Task TryAsync(HttpClient client, HtmlForm form, FormRow row, Variant variant, List<string> problems)
    {
        var fields = variant.Fields(form, row);
        var before = await app.RowCountsAsync();
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var what = $"POST {form.Action} with {variant.Name}";

        if (status >= 500)
        {
            problems.Add($"{what}: {status}");
        }

        if (body.Contains("<script>alert(1)</script>", StringComparison.Ordinal))
        {
            problems.Add($"{what}: the script came back unencoded");
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && variant.Typed && !ShowsAMessage(body))
        {
            problems.Add($"{what}: 400 without a message saying what is wrong");
        }

        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
        {
            // Accepted: wherever it leads shows what was saved, encoded.
            var location = response.Headers.Location?.ToString() ?? "";
            if (location.StartsWith('/') && !location.StartsWith("/Account/", StringComparison.Ordinal))
            {
                using var next = await client.GetAsync(new Uri(location, UriKind.Relative));
                var nextBody = await next.Content.ReadAsStringAsync();
                if ((int)next.StatusCode >= 500 || nextBody.Contains("<script>alert(1)</script>", StringComparison.Ordinal))
                {
                    problems.Add($"{what}: accepted, then {location} gave {(int)next.StatusCode}{(nextBody.Contains("<script>alert(1)</script>", StringComparison.Ordinal) ? " with the script unencoded" : "")}");
                }
            }

            return;
        }

        var after = await app.RowCountsAsync();
        var changed = after.Where(t => before.GetValueOrDefault(t.Key) != t.Value && t.Key != "DataProtectionKeys").Select(t => $"{t.Key} {before.GetValueOrDefault(t.Key)}→{t.Value}").ToList();
        if (changed.Count > 0)
        {
            problems.Add($"{what}: refused with {status} but saved rows ({string.Join(", ", changed)})");
        }
    }

    private static bool ShowsAMessage(string html) =>
        html.Contains("field-validation-error", StringComparison.Ordinal)
        || html.Contains("validation-summary-errors", StringComparison.Ordinal)
        || AlertPattern().Matches(html).Any(m => !m.Groups[1].Value.Contains("validation-summary-valid", StringComparison.Ordinal)
            && TagPattern().Replace(m.Groups[2].Value, "").Trim().Length > 0);

    [GeneratedRegex(@"<(?:div|p|span)\b[^>]*class=""([^""]*(?:alert-danger|invalid-feedback)[^""]*)""[^>]*>(.*?)</(?:div|p|span)>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}

/// <summary>The other half of <see cref="BadInputTests"/>' forms, on an app of its own so both halves run at once.</summary>
public sealed class BadInputOnTheOtherFormsTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    [Theory]
    [MemberData(nameof(BadInputTests.Cases), 1, MemberType = typeof(BadInputTests))]
    public Task Hostile_input_on_each_form_is_refused_cleanly_or_saved_encoded(string route, string urlTemplate) =>
        new BadInputTests(app).DriveHostileInputAsync(route, urlTemplate);
}
