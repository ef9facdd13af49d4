using System.Globalization;

namespace ReverseMentoring.Web.Features.Emails;

/// <summary>A value an e-mail's wording may use, as <c>{{ name }}</c>, with what it holds and an example for the preview.</summary>
public sealed record Placeholder(string Name, string Description, object Sample);

/// <summary>One kind of e-mail: the placeholders it offers and its built-in wording (the app's own, in Liquid).</summary>
public sealed record EmailKindInfo(EmailKind Kind, string Title, string SentWhen, IReadOnlyList<Placeholder> Placeholders, string DefaultSubject, string DefaultBody)
{
    public EmailWording Default => new(DefaultSubject, DefaultBody);

    public bool Allows(string name) => Placeholders.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}

/// <summary>The catalogue of the e-mails HR may reword, kept in one place; the defaults are the wording the app always sent.</summary>
public static class EmailKinds
{
    private static readonly Placeholder ProgramName = new("program.name", "The program's name", "Digital Leadership 2027");
    private static readonly Placeholder Link = new("link", "The link the e-mail is about", "https://mentoring.example.com/...");
    private static readonly Placeholder PersonName = new("person.name", "The name of the person the e-mail goes to", "Alex Example");

    private static readonly IReadOnlyList<Placeholder> InvitationPlaceholders =
    [
        ProgramName,
        new("program.objectives", "What the program aims for, as HR wrote it", "Leaders learn AI tools from junior colleagues."),
        new("program.time_commitment", "Sessions, their length and how often pairs meet", "6 sessions of 60 minutes, every two weeks"),
        new("program.enrolment_closes_on", "The day enrolment closes (empty when not set)", "31 March 2027"),
        new("coordinator.name", "The name of the HR coordinator who sent the invitation", "Harriet Coordinator"),
        new("coordinator.message", "The coordinator's own message, written when inviting (may be empty)", "We would love to have you on board."),
        new("person.email", "The invited person's e-mail address", "alex@example.com"),
        new("person.role", "The role they are invited as: Mentor or Mentee", "Mentor"),
        new("link", "The link that registers them", "https://mentoring.example.com/Account/Register?invitation=..."),
        new("enrol_link", "The program's enrolment page, for people with an account already", "https://mentoring.example.com/Participant/Programs/1/Enrol"),
        new("link_expires_on", "The last day the link works (UTC)", "30 April 2027"),
        new("link_replaces_earlier", "True when this e-mail's link replaces an earlier one, which stops working", false),
    ];

    public static IReadOnlyList<EmailKindInfo> All { get; } =
    [
        new(EmailKind.Invitation, "Invitation", "HR invites someone to the program, or sends an invitation again.", InvitationPlaceholders,
            "You are invited to {{ program.name }}",
            InvitationBody("You are invited to join the reverse mentoring program \"{{ program.name }}\" as {{ person.role }}.")),
        new(EmailKind.InvitationReminder, "Invitation reminder", "Someone invited has not registered or enrolled some days later.", InvitationPlaceholders,
            "Reminder: you are invited to {{ program.name }}",
            InvitationBody("A reminder: you are invited to join the reverse mentoring program \"{{ program.name }}\" as {{ person.role }}, and you have not registered yet.")),
        new(EmailKind.PairProposed, "Pair proposal", "HR publishes the pairing: each side hears who they are paired with.",
            [
                ProgramName, PersonName,
                new("partner.name", "The partner's name", "Sam Partner"),
                new("partner.role", "What the partner is to them: mentor or mentee", "mentee"),
                new("partner.department", "The partner's department (may be empty)", "Finance"),
                new("response_days", "Days they have to accept or decline", 7),
                new("link", "The program's page, where they accept or decline", "https://mentoring.example.com/Participant/Programs/1"),
            ],
            "Your {{ partner.role }} in {{ program.name }}",
            """
            Hello {{ person.name }},

            You have been paired with {{ partner.name }}{% if partner.department != "" %} ({{ partner.department }}){% endif %} as your {{ partner.role }} in {{ program.name }}.

            Please accept or decline this pairing within {{ response_days }} days:
            {{ link }}

            If you decline, HR will look for another partner for you.
            """),
        new(EmailKind.EnrolmentApproved, "Enrolment approved", "HR approves someone's enrolment.",
            [
                ProgramName, PersonName,
                new("person.side", "The side they enrolled on: mentor or mentee", "mentor"),
                new("link", "The program's page, where they check their profile", "https://mentoring.example.com/Participant/Programs/1"),
            ],
            "You are in: {{ program.name }}",
            """
            Hello {{ person.name }},

            HR approved your enrolment in {{ program.name }} as a {{ person.side }}.
            Next, HR pairs mentors with mentees. You will get an e-mail when a pair is proposed to you, and you will be
            asked to accept it. Until then you can check or change your profile here:
            {{ link }}
            """),
        new(EmailKind.EnrolmentRejected, "Enrolment not accepted", "HR rejects someone's enrolment, with a reason.",
            [
                ProgramName, PersonName,
                new("reason", "HR's reason", "This pilot is for the sales teams only."),
                new("link", "The program's page", "https://mentoring.example.com/Participant/Programs/1"),
            ],
            "Your enrolment was not accepted: {{ program.name }}",
            """
            Hello {{ person.name }},

            HR did not accept your enrolment in {{ program.name }}. Their reason:
            {{ reason }}

            If you have questions, reply to your HR coordinator. The program's page:
            {{ link }}
            """),
        new(EmailKind.QuietPairReminder, "Quiet pair reminder", "A running pair has not met for longer than the cadence and has nothing scheduled.",
            [
                ProgramName, PersonName,
                new("partner.name", "The partner's name", "Sam Partner"),
                new("pair.has_met", "True once the pair has held a session", true),
                new("pair.days_since_met", "Days since they last met, or since the pair started when they have not met", 22),
                new("program.cadence_days", "How often the program suggests meeting, in days", 14),
                new("link", "The program's page", "https://mentoring.example.com/Participant/Programs/1"),
            ],
            "Time to meet {{ partner.name }} again",
            string.Create(CultureInfo.InvariantCulture, $$$"""
            Hello {{ person.name }},

            You and {{ partner.name }} {% if pair.has_met %}last met {{ pair.days_since_met }} days ago{% else %}have not met since your pair started {{ pair.days_since_met }} days ago{% endif %} in {{ program.name }}, and the program suggests meeting every {{ program.cadence_days }} days.
            Nothing is scheduled for the next {{{PairHealth.ScheduledAheadDays}}} days: agree on your next session and put it in the app.
            {{ link }}
            """)),
    ];

    public static EmailKindInfo Of(EmailKind kind) => All.Single(k => k.Kind == kind);

    public static bool TryParse(string? name, out EmailKindInfo info)
    {
        info = All.FirstOrDefault(k => string.Equals(k.Kind.ToString(), name, StringComparison.OrdinalIgnoreCase))!;
        return info is not null;
    }

    /// <summary>The sample values of a kind: what the preview shows where the program has no value of its own.</summary>
    public static Dictionary<string, object?> Samples(EmailKind kind) =>
        Of(kind).Placeholders.ToDictionary(p => p.Name, p => (object?)p.Sample, StringComparer.Ordinal);

    private static string InvitationBody(string opening) => $$$"""
        Hello,

        {{{opening}}}
        {%- if coordinator.message != "" %}

        {{ coordinator.message }}
        {%- endif %}
        {%- if program.objectives != "" %}

        What the program aims for:
        {{ program.objectives }}
        {%- endif %}

        Time commitment: {{ program.time_commitment }}.
        {%- if program.enrolment_closes_on != "" %}
        Enrolment closes on {{ program.enrolment_closes_on }}.
        {%- endif %}

        Register with this link:
        {{ link }}

        The link works until {{ link_expires_on }} (UTC).{% if link_replaces_earlier %} It replaces the link in any earlier invitation e-mail, which no longer works.{% endif %}

        If you have an account already, sign in and enrol here instead:
        {{ enrol_link }}

        {% if coordinator.name != "" %}{{ coordinator.name }}, your{% else %}Your{% endif %} HR coordinator
        """;
}
