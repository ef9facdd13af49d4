using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Privacy;

/// <summary>
/// A running program with two pairs: Mira (mentor) with Noel (mentee), and Tess (mentor) with Uma (mentee). Every
/// kind of personal data is there for each person, with text that names its owner ("mira-…-secret"), so a test can
/// tell whose data ends up where.
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
    public required Pair MiraPair { get; init; }
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
        var mira = await app.CreateUserAsync(Roles.Mentor, $"mira.{tag}@example.com", $"Mira Quillfeather {tag}");
        var noel = await app.CreateUserAsync(Roles.Mentee, $"noel.{tag}@example.com", $"Noel Ashgrove {tag}");
        var tess = await app.CreateUserAsync(Roles.Mentor, $"tess.{tag}@example.com", $"Tess Brightwater {tag}");
        var uma = await app.CreateUserAsync(Roles.Mentee, $"uma.{tag}@example.com", $"Uma Fairweather {tag}");
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator, $"hr.{tag}@example.com", $"Harriet Coordinator {tag}");
        var now = DateTime.UtcNow;

        var program = new MentoringProgram
        {
            Name = $"Privacy pilot {tag}",
            Objectives = "Seniors learn from juniors.",
            StartsOn = DateOnly.FromDateTime(now).AddDays(-60),
            EndsOn = DateOnly.FromDateTime(now).AddDays(120),
            Status = ProgramStatus.Running,
            Formats = SessionFormats.Virtual,
            CreatedAtUtc = now,
            Topics = [new ProgramTopic { Title = "AI assistants", SuggestedActivities = "Try one together.", SortOrder = 1 }],
        };
        var invitation = new Invitation { Email = mira.Email!, Role = Roles.Mentor, InvitedAtUtc = now.AddDays(-70), ExpiresAtUtc = now.AddDays(-56), AcceptedAtUtc = now.AddDays(-69) };
        await AsAsync(app, AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator), async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
            invitation.ProgramId = program.Id;
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });

        var skillId = await app.ExecuteDbContextAsync(db => db.Skills.Select(s => s.Id).FirstAsync());
        Enrolment Enrolment(AppUser user, ParticipantRole role, string department, string who, string? managerEmail) => new()
        {
            ProgramId = program.Id,
            UserId = user.Id,
            Role = role,
            Status = EnrolmentStatus.Approved,
            Department = department,
            JobLevel = role == ParticipantRole.Mentor ? "Graduate" : "Director",
            ManagerEmail = managerEmail,
            Location = $"{who}-location-secret-{tag}",
            TimeZoneId = "Europe/London",
            Formats = SessionFormats.Virtual,
            Interests = $"{who}-interests-secret-{tag}",
            Goals = $"{who}-goals-secret-{tag}",
            ConsentedAtUtc = now.AddDays(-65),
            DecisionReason = $"{who}-decision-secret-{tag}",
            CreatedAtUtc = now.AddDays(-65),
            Skills = [new EnrolmentSkill { SkillId = skillId, Direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn, Level = 4 }],
            Availability = [new AvailabilitySlot { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(10, 0) }],
            History = [new EnrolmentHistory { AtUtc = now.AddDays(-65), ByUserId = user.Id, Event = "Enrolled", Detail = $"{who}-history-secret-{tag}" }],
        };

        // Each person enrols themselves, so the audit log holds their own changes as their actor.
        var miraEnrolment = Enrolment(mira, ParticipantRole.Mentor, "Engineering", "mira", $"boss.{tag}@example.com");
        var noelEnrolment = Enrolment(noel, ParticipantRole.Mentee, "Finance", "noel", mira.Email);
        var tessEnrolment = Enrolment(tess, ParticipantRole.Mentor, "Engineering", "tess", null);
        var umaEnrolment = Enrolment(uma, ParticipantRole.Mentee, "Sales", "uma", null);
        foreach (var (user, enrolment) in new[] { (mira, miraEnrolment), (noel, noelEnrolment), (tess, tessEnrolment), (uma, umaEnrolment) })
        {
            await AsAsync(app, AppFactory.PrincipalFor(user), async db =>
            {
                db.Enrolments.Add(enrolment);
                await db.SaveChangesAsync();
            });
        }

        Pair PairOf(Enrolment mentor, Enrolment mentee, string? declineReason = null) => new()
        {
            ProgramId = program.Id,
            MentorEnrolmentId = mentor.Id,
            MenteeEnrolmentId = mentee.Id,
            Score = 10,
            ScorePercent = 80,
            Reasons = "teaches AI tools",
            Status = declineReason is null ? PairStatus.Accepted : PairStatus.Declined,
            MentorResponse = declineReason is null ? PairResponse.Accepted : PairResponse.Declined,
            MenteeResponse = PairResponse.Accepted,
            DeclineReason = declineReason,
            ProposedAtUtc = now.AddDays(-50),
            AcceptedAtUtc = now.AddDays(-49),
        };
        var miraPair = PairOf(miraEnrolment, noelEnrolment);
        var tessPair = PairOf(tessEnrolment, umaEnrolment);

        // An earlier pair Mira declined, with her reason.
        var declined = PairOf(miraEnrolment, umaEnrolment, declineReason: $"mira-decline-secret-{tag}");
        await AsAsync(app, AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator), async db =>
        {
            db.Pairs.AddRange(miraPair, tessPair, declined);
            await db.SaveChangesAsync();
        });

        Session SessionOf(Pair pair, AppUser by, int daysAgo, SessionStatus status, string? notes, string? cancelReason = null, string? location = null) => new()
        {
            ProgramId = program.Id,
            PairId = pair.Id,
            StartsAtUtc = now.AddDays(-daysAgo),
            DurationMinutes = 60,
            EndsAtUtc = now.AddDays(-daysAgo).AddMinutes(60),
            Format = SessionFormats.Virtual,
            Location = location ?? "https://meet.example.com/room",
            Status = status,
            ScheduledByUserId = by.Id,
            CreatedAtUtc = now.AddDays(-daysAgo - 7),
            HeldMinutes = status == SessionStatus.Held ? 55 : null,
            Notes = notes,
            FollowUps = notes is null ? null : notes.Replace("notes", "followups", StringComparison.Ordinal),
            LoggedByUserId = status == SessionStatus.Held ? by.Id : null,
            CancelReason = cancelReason,
            CancelledByUserId = cancelReason is null ? null : by.Id,
        };
        // What people type into a session's place and a cancelling reason: a phone number, their address, a room.
        var miraHeld = SessionOf(miraPair, mira, 20, SessionStatus.Held, $"pair-notes-secret-{tag}", location: $"mira-room-secret-{tag}, or call {phone}");
        var miraCancelled = SessionOf(miraPair, mira, 10, SessionStatus.Cancelled, null,
            cancelReason: $"mira-cancel-secret-{tag}: off sick, ring {phone} or write to {mira.Email}",
            location: $"Call me on {phone} or write to {mira.Email}");
        var tessHeld = SessionOf(tessPair, tess, 15, SessionStatus.Held, $"tess-notes-secret-{tag}");
        await AsAsync(app, AppFactory.PrincipalFor(mira, Roles.Mentor), async db =>
        {
            db.Sessions.AddRange(miraHeld, miraCancelled);
            await db.SaveChangesAsync();
        });
        await AsAsync(app, AppFactory.PrincipalFor(tess, Roles.Mentor), async db =>
        {
            db.Sessions.Add(tessHeld);
            await db.SaveChangesAsync();
        });

        await app.ExecuteDbContextAsync(async db =>
        {
            Feedback FeedbackOf(Session session, AppUser by, ParticipantRole role, int rating, string comment) => new()
            {
                ProgramId = program.Id,
                PairId = session.PairId,
                SessionId = session.Id,
                ByUserId = by.Id,
                Role = role,
                Rating = rating,
                Comment = comment,
                CreatedAtUtc = now.AddDays(-19),
            };
            db.SessionFeedback.AddRange(
                FeedbackOf(miraHeld, mira, ParticipantRole.Mentor, 5, $"mira-feedback-secret-{tag}"),
                FeedbackOf(miraHeld, noel, ParticipantRole.Mentee, 2, $"noel-feedback-secret-{tag}"),
                FeedbackOf(tessHeld, tess, ParticipantRole.Mentor, 3, $"tess-feedback-secret-{tag}"));

            var question = new CheckInQuestion { ProgramId = program.Id, Text = "How is it going?", Kind = CheckInQuestionKind.Text, SortOrder = 1 };
            db.CheckInQuestions.Add(question);
            await db.SaveChangesAsync();
            CheckIn CheckInOf(AppUser user, Enrolment enrolment, ParticipantRole role, string answer) => new()
            {
                ProgramId = program.Id,
                PairId = miraPair.Id,
                EnrolmentId = enrolment.Id,
                UserId = user.Id,
                Role = role,
                Kind = CheckInKind.Milestone,
                DayNumber = 30,
                SentAtUtc = now.AddDays(-19),
                AnsweredAtUtc = now.AddDays(-18),
                Answers = [new CheckInAnswer { QuestionId = question.Id, Text = answer }],
            };
            db.CheckIns.AddRange(
                CheckInOf(mira, miraEnrolment, ParticipantRole.Mentor, $"mira-answer-secret-{tag}"),
                CheckInOf(noel, noelEnrolment, ParticipantRole.Mentee, $"noel-answer-secret-{tag}"));
            db.SkillRatings.AddRange(
                new SkillRating { ProgramId = program.Id, PairId = miraPair.Id, EnrolmentId = miraEnrolment.Id, Role = ParticipantRole.Mentor, SkillId = skillId, Stage = SkillRatingStage.Start, Level = 3, RatedAtUtc = now.AddDays(-48) },
                new SkillRating { ProgramId = program.Id, PairId = miraPair.Id, EnrolmentId = noelEnrolment.Id, Role = ParticipantRole.Mentee, SkillId = skillId, Stage = SkillRatingStage.Start, Level = 1, RatedAtUtc = now.AddDays(-48) });
            db.OutboxMessages.AddRange(
                new OutboxMessage { Key = $"privacy-test:{tag}:mira", Recipient = mira.Email!, Subject = "Your mentee in the pilot", CreatedAtUtc = now.AddDays(-50), SentAtUtc = now.AddDays(-50) },
                new OutboxMessage { Key = $"privacy-test:{tag}:noel", Recipient = noel.Email!, Subject = "Your mentor in the pilot", CreatedAtUtc = now.AddDays(-50), SentAtUtc = now.AddDays(-50) },
                new OutboxMessage { Key = $"privacy-test:{tag}:noel-feedback", Recipient = noel.Email!, Subject = $"How was your session with {mira.DisplayName}?", CreatedAtUtc = now.AddDays(-19), SentAtUtc = now.AddDays(-19) });
            await db.SaveChangesAsync();
        });

        return new PrivacyWorld
        {
            Mira = mira,
            Noel = noel,
            Tess = tess,
            Coordinator = coordinator,
            Program = program,
            MiraEnrolment = miraEnrolment,
            NoelEnrolment = noelEnrolment,
            MiraPair = miraPair,
            MiraInvitation = invitation,
            Tag = tag,
            MiraPhone = phone,
        };
    }

    private static Task AsAsync(AppFactory app, ClaimsPrincipal user, Func<AppDbContext, Task> action) =>
        app.RunAsAsync(user, services => action(services.GetRequiredService<AppDbContext>()));

    /// <summary>Every text value in every table of the database file that contains <paramref name="text"/>, as "table.column".</summary>
    public static async Task<List<string>> PlacesHoldingAsync(AppFactory app, string text)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string value && value.Contains(text, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return found;
    }
}
