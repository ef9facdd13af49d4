using System.Security.Claims;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Privacy;

/// <summary>
/// A running program with two pairs: Mira (mentor) with Noel (mentee), and Tess (mentor) with Uma (mentee). Every
/// kind of personal data is there for each person, with text that names its owner ("mira-…-secret"), so a test can
/// tell whose data ends up where. Built with <see cref="TestData"/>; each person saves their own enrolment, and the
/// mentors their sessions, so the audit log names them.
/// </summary>
internal sealed class PrivacyWorld
{
    public required AppUser Mira { get; init; }
    public required AppUser Noel { get; init; }
    public required AppUser Tess { get; init; }
    public required AppUser Coordinator { get; init; }
    public required MentoringProgram Program { get; init; }
    public required Enrolment MiraEnrolment { get; init; }
    public required Enrolment NoelEnrolment { get; init; }
    public required TestPair MiraPair { get; init; }
    public required Invitation MiraInvitation { get; init; }

    public ClaimsPrincipal AsMira => AppFactory.PrincipalFor(Mira, Roles.Mentor);

    public ClaimsPrincipal AsCoordinator => AppFactory.PrincipalFor(Coordinator, Roles.HrCoordinator);

    public required string Tag { get; init; }

    /// <summary>A phone number Mira typed into a session's place and her reason for cancelling one.</summary>
    public required string MiraPhone { get; init; }

    /// <summary>Texts only Mira's records hold.</summary>
    public IReadOnlyList<string> MiraSecrets => [.. Tagged("mira-interests-secret", "mira-goals-secret", "mira-location-secret", "mira-history-secret", "mira-feedback-secret", "mira-answer-secret", "mira-cancel-secret", "mira-decline-secret", "pair-notes-secret", "pair-followups-secret", "mira-decision-secret", "mira-room-secret"), MiraPhone];

    /// <summary>Texts of other people, which Mira's download must not hold and her erasure must not touch.</summary>
    public IReadOnlyList<string> OthersSecrets => Tagged("noel-interests-secret", "noel-feedback-secret", "noel-answer-secret", "tess-interests-secret", "tess-notes-secret", "tess-feedback-secret");

    /// <summary>Several worlds share one database: each one's texts end with its own tag.</summary>
    private List<string> Tagged(params string[] texts) => texts.Select(t => $"{t}-{Tag}").ToList();

    public static async Task<PrivacyWorld> CreateAsync(AppFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+44 {Convert.ToUInt32(tag, 16):D10}";
        var mira = await app.PersonAsync(Roles.Mentor, $"Mira Quillfeather {tag}", $"mira.{tag}@example.com");
        var noel = await app.PersonAsync(Roles.Mentee, $"Noel Ashgrove {tag}", $"noel.{tag}@example.com");
        var tess = await app.PersonAsync(Roles.Mentor, $"Tess Brightwater {tag}", $"tess.{tag}@example.com");
        var uma = await app.PersonAsync(Roles.Mentee, $"Uma Fairweather {tag}", $"uma.{tag}@example.com");
        var coordinator = await app.PersonAsync(Roles.HrCoordinator, $"Harriet Coordinator {tag}", $"hr.{tag}@example.com");
        var now = DateTime.UtcNow;

        var program = await app.ProgramAsync(formats: SessionFormats.Virtual, name: $"Privacy pilot {tag}");
        var invitation = await app.InvitationAsync(program.Id, Roles.Mentor, mira.Email, now.AddDays(-70), now.AddDays(-56), now.AddDays(-69));
        var skillId = await app.SkillIdAsync("AI tools");

        Task<Enrolment> EnrolAsync(Person person, ParticipantRole role, string department, string who, string? managerEmail) =>
            app.EnrolAsync(program, person, role, department: department, formats: SessionFormats.Virtual, skills: [(skillId, 4)],
                availability: [new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(10, 0) }],
                interests: $"{who}-interests-secret-{tag}", managerEmail: managerEmail, enrolledAtUtc: now.AddDays(-65),
                decisionReason: $"{who}-decision-secret-{tag}", change: e =>
                {
                    e.Location = $"{who}-location-secret-{tag}";
                    e.Goals = $"{who}-goals-secret-{tag}";
                    e.History = [new EnrolmentHistory { AtUtc = now.AddDays(-65), ByUserId = person.Id, Event = "Enrolled", Detail = $"{who}-history-secret-{tag}" }];
                });
        var miraEnrolment = await EnrolAsync(mira, ParticipantRole.Mentor, "Engineering", "mira", $"boss.{tag}@example.com");
        var noelEnrolment = await EnrolAsync(noel, ParticipantRole.Mentee, "Finance", "noel", mira.Email);
        await EnrolAsync(tess, ParticipantRole.Mentor, "Engineering", "tess", null);
        await EnrolAsync(uma, ParticipantRole.Mentee, "Sales", "uma", null);

        var miraPair = await app.PairAsync(program, mentor: mira, mentee: noel, proposedAtUtc: now.AddDays(-50), acceptedAtUtc: now.AddDays(-49));
        var tessPair = await app.PairAsync(program, mentor: tess, mentee: uma, proposedAtUtc: now.AddDays(-50), acceptedAtUtc: now.AddDays(-49));

        // An earlier pair Mira declined, with her reason.
        await app.PairAsync(program, PairStatus.Declined, mira, uma, proposedAtUtc: now.AddDays(-50), declinedBy: ParticipantRole.Mentor,
            declineReason: $"mira-decline-secret-{tag}");

        // What people type into a session's place and a cancelling reason: a phone number, their address, a room.
        var miraHeld = await app.SessionAsync(miraPair, SessionStatus.Held, now.AddDays(-20), location: $"mira-room-secret-{tag}, or call {phone}", change: s =>
            s.Log(mira.Id, 55, [], $"pair-notes-secret-{tag}", false, $"pair-followups-secret-{tag}", s.EndsAtUtc));
        await app.SessionAsync(miraPair, SessionStatus.Scheduled, now.AddDays(-10), location: $"Call me on {phone} or write to {mira.Email}",
            change: s => s.Cancel(mira.Id, $"mira-cancel-secret-{tag}: off sick, ring {phone} or write to {mira.Email}", s.StartsAtUtc.AddDays(-1)));
        var tessHeld = await app.SessionAsync(tessPair, SessionStatus.Held, now.AddDays(-15), change: s =>
            s.Log(tess.Id, 55, [], $"tess-notes-secret-{tag}", false, $"tess-followups-secret-{tag}", s.EndsAtUtc));

        await app.FeedbackAsync(miraPair, miraHeld, ParticipantRole.Mentor, 5, $"mira-feedback-secret-{tag}", now.AddDays(-19));
        await app.FeedbackAsync(miraPair, miraHeld, ParticipantRole.Mentee, 2, $"noel-feedback-secret-{tag}", now.AddDays(-19));
        await app.FeedbackAsync(tessPair, tessHeld, ParticipantRole.Mentor, 3, $"tess-feedback-secret-{tag}", now.AddDays(-19));

        var question = await app.QuestionAsync(program, "How is it going?", CheckInQuestionKind.Text);
        foreach (var (side, who) in new[] { (ParticipantRole.Mentor, "mira"), (ParticipantRole.Mentee, "noel") })
        {
            await app.CheckInAsync(miraPair, side, sentAtUtc: now.AddDays(-19), answeredAtUtc: now.AddDays(-18),
                change: c => c.Answers = [new CheckInAnswer { QuestionId = question.Id, Text = $"{who}-answer-secret-{tag}" }]);
        }

        await app.SkillRatingAsync(miraPair, ParticipantRole.Mentor, skillId, SkillRatingStage.Start, 3, now.AddDays(-48));
        await app.SkillRatingAsync(miraPair, ParticipantRole.Mentee, skillId, SkillRatingStage.Start, 1, now.AddDays(-48));

        // The e-mails the pair was sent, as the outbox records them.
        await app.ExecuteDbContextAsync(async db =>
        {
            db.OutboxMessages.AddRange(
                new OutboxMessage { Key = $"privacy-test:{tag}:mira", Recipient = mira.Email, Subject = "Your mentee in the pilot", CreatedAtUtc = now.AddDays(-50), SentAtUtc = now.AddDays(-50) },
                new OutboxMessage { Key = $"privacy-test:{tag}:noel", Recipient = noel.Email, Subject = "Your mentor in the pilot", CreatedAtUtc = now.AddDays(-50), SentAtUtc = now.AddDays(-50) },
                new OutboxMessage { Key = $"privacy-test:{tag}:noel-feedback", Recipient = noel.Email, Subject = $"How was your session with {mira.User.DisplayName}?", CreatedAtUtc = now.AddDays(-19), SentAtUtc = now.AddDays(-19) });
            await db.SaveChangesAsync();
        });

        return new PrivacyWorld
        {
            Mira = mira.User,
            Noel = noel.User,
            Tess = tess.User,
            Coordinator = coordinator.User,
            Program = program,
            MiraEnrolment = miraEnrolment,
            NoelEnrolment = noelEnrolment,
            MiraPair = miraPair,
            MiraInvitation = invitation,
            Tag = tag,
            MiraPhone = phone,
        };
    }
}
