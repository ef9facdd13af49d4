using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard.Facts;

/// <summary>Every save that changes a session, rating, attendance or membership marks the program-days it touches.</summary>
public sealed class DashboardFactsInterceptorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Monday = new(DateTime.UtcNow.Year + 1, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    private static DateOnly DayOf(DateTime at) => DateOnly.FromDateTime(at);

    [Fact]
    public async Task Moving_a_session_to_another_day_marks_both_days()
    {
        var program = await app.FactsProgramAsync(2);
        var pair = program.Pairs[1];
        var session = FactsKit.PairSession(pair, Monday);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        Assert.Equal([(program.Id, DayOf(Monday))], await app.MarkersAsync(program.Id));
        await app.ClearMarkersAsync(program.Id);

        var later = Monday.AddDays(3);
        await app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Sessions.SingleAsync(s => s.Id == session.Id);
            saved.Reschedule(pair.Mentor.Id, later, 45, SessionFormats.Virtual, "https://meet.example.com/pair", [], DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        Assert.Equal([(program.Id, DayOf(Monday)), (program.Id, DayOf(later))], await app.MarkersAsync(program.Id));
    }

    [Fact]
    public async Task A_rating_marks_the_day_it_was_given_and_a_deleted_one_too()
    {
        var program = await app.FactsProgramAsync(2);
        var pair = program.Pairs[1];
        var session = await app.SessionAsync(pair, SessionStatus.Held, Monday.AddDays(-400));
        await app.ClearMarkersAsync(program.Id);

        var given = Monday.AddDays(2).AddHours(5);
        var feedback = await app.FeedbackAsync(pair, session, ParticipantRole.Mentee, 4, atUtc: given);
        Assert.Equal([(program.Id, DayOf(given))], await app.MarkersAsync(program.Id));

        await app.ClearMarkersAsync(program.Id);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.SessionFeedback.Remove(await db.SessionFeedback.SingleAsync(f => f.Id == feedback.Id));
            await db.SaveChangesAsync();
        });
        Assert.Equal([(program.Id, DayOf(given))], await app.MarkersAsync(program.Id));
    }

    [Fact]
    public async Task Attendance_marks_its_sessions_day_even_when_the_session_is_not_loaded()
    {
        var program = await app.FactsProgramAsync(2);
        var session = FactsKit.GroupSession(program, Monday.AddDays(5), SessionStatus.Held);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        await app.ClearMarkersAsync(program.Id);

        var member = program.Pairs[0];
        await app.ExecuteDbContextAsync(async db =>
        {
            db.SessionAttendance.Add(new SessionAttendance { SessionId = session.Id, PairId = member.Id, MenteeEnrolmentId = member.MenteeEnrolmentId, Attended = true });
            await db.SaveChangesAsync();
        });

        Assert.Equal([(program.Id, DayOf(Monday.AddDays(5)))], await app.MarkersAsync(program.Id));
    }

    [Fact]
    public async Task A_member_leaving_a_group_marks_every_day_of_its_sessions()
    {
        var program = await app.FactsProgramAsync(3);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(FactsKit.GroupSession(program, Monday.AddDays(1)));
            db.Sessions.Add(FactsKit.GroupSession(program, Monday.AddDays(8), SessionStatus.Held));
            await db.SaveChangesAsync();
        });
        await app.ClearMarkersAsync(program.Id);

        await app.ExecuteDbContextAsync(async db =>
        {
            db.MentoringGroupMembers.Remove(await db.MentoringGroupMembers.FirstAsync(m => m.GroupId == program.GroupId));
            await db.SaveChangesAsync();
        });

        Assert.Equal([(program.Id, DayOf(Monday.AddDays(1))), (program.Id, DayOf(Monday.AddDays(8)))], await app.MarkersAsync(program.Id));
    }

    [Fact]
    public async Task Sessions_saved_with_their_new_program_and_pair_are_marked_under_the_real_ids()
    {
        var existing = await app.FactsProgramAsync(2);
        var (programId, mentorId, menteeId) = await app.ExecuteDbContextAsync(async db =>
        {
            var program = new MentoringProgram
            {
                Name = TestData.Unique("Program"), Objectives = "Learn.", StartsOn = DayOf(Monday), EndsOn = DayOf(Monday).AddDays(90),
                EnrolmentOpensOn = DayOf(Monday).AddDays(-30), EnrolmentClosesOn = DayOf(Monday).AddDays(-5), SessionCadenceDays = 14,
                Formats = SessionFormats.Virtual, Status = ProgramStatus.Running, CreatedAtUtc = DateTime.UtcNow,
            };
            var mentor = await db.Enrolments.SingleAsync(e => e.Id == existing.Pairs[0].MentorEnrolmentId);
            var mentee = await db.Enrolments.SingleAsync(e => e.Id == existing.Pairs[0].MenteeEnrolmentId);
            var newMentor = new Enrolment { Program = program, UserId = mentor.UserId, Role = ParticipantRole.Mentor, Department = "IT", JobLevel = "Junior", CreatedAtUtc = DateTime.UtcNow };
            var newMentee = new Enrolment { Program = program, UserId = mentee.UserId, Role = ParticipantRole.Mentee, Department = "Sales", JobLevel = "Senior", CreatedAtUtc = DateTime.UtcNow };
            db.AddRange(program, newMentor, newMentee);
            await db.SaveChangesAsync();
            return (program.Id, newMentor.Id, newMentee.Id);
        });

        Assert.Contains(await app.ExecuteDbContextAsync(db => db.DashboardLookupChanges.Select(c => c.ProgramId).ToListAsync()), id => id == programId);

        // A new pair and its first session in one save: the marker and the pair change carry the saved ids.
        var (secondPairId, secondProgramId) = await app.ExecuteDbContextAsync(async db =>
        {
            var pair = new Pair
            {
                ProgramId = programId, MentorEnrolmentId = mentorId, MenteeEnrolmentId = menteeId,
                Reasons = "", ProposedAtUtc = DateTime.UtcNow, Status = PairStatus.Accepted,
            };
            var session = FactsKit.PairSession(existing.Pairs[0], Monday.AddDays(2));
            session.Pair = pair;
            session.ProgramId = programId;
            db.AddRange(pair, session);
            await db.SaveChangesAsync();
            return (pair.Id, session.ProgramId);
        });
        Assert.Equal(programId, secondProgramId);
        Assert.Contains((programId, DayOf(Monday.AddDays(2))), await app.MarkersAsync(programId));
        var changed = await app.ExecuteDbContextAsync(db => db.DashboardPairChanges.Where(c => c.ProgramId == programId).Select(c => c.PairId).ToListAsync());
        Assert.Contains(secondPairId, changed);
        Assert.DoesNotContain(changed, id => id <= 0);
    }

    [Fact]
    public async Task A_group_sessions_change_is_a_pair_change_of_every_member()
    {
        var program = await app.FactsProgramAsync(3);
        var since = await app.ExecuteDbContextAsync(db => db.DashboardPairChanges.MaxAsync(c => (long?)c.Id)) ?? 0;
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Sessions.Add(FactsKit.GroupSession(program, Monday.AddDays(4)));
            await db.SaveChangesAsync();
        });

        var changed = await app.ExecuteDbContextAsync(db => db.DashboardPairChanges
            .Where(c => c.ProgramId == program.Id && c.Id > since).Select(c => c.PairId).Distinct().ToListAsync());
        Assert.Equal(program.GroupPairIds.Order(), changed.Order());
    }

    [Fact]
    public async Task Logging_a_session_and_rating_it_change_the_facts_version_but_not_the_lookups()
    {
        var program = await app.FactsProgramAsync(2);
        var pair = program.Pairs[1];
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddHours(-3));
        var before = await app.ExecuteDbContextAsync(db => DashboardFacts.VersionsAsync(db, CancellationToken.None));
        await app.FoldAsync([program.Id]);

        await app.ExecuteDbContextAsync(async db =>
        {
            // Loaded as the log does, with the pair and both enrolments tracked.
            var saved = await db.Sessions.Include(s => s.Pair!).ThenInclude(p => p.MentorEnrolment)
                .Include(s => s.Pair!).ThenInclude(p => p.MenteeEnrolment).SingleAsync(s => s.Id == session.Id);
            saved.Log(pair.Mentor.Id, 50, [], "notes", false, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        await app.FeedbackAsync(pair, session, ParticipantRole.Mentor, 5);
        var after = await app.ExecuteDbContextAsync(db => DashboardFacts.VersionsAsync(db, CancellationToken.None));

        Assert.Equal(before[program.Id].Lookups, after[program.Id].Lookups);
        Assert.True(after[program.Id].Facts > before[program.Id].Facts);

        await app.ExecuteDbContextAsync(async db =>
        {
            var enrolment = await db.Enrolments.SingleAsync(e => e.Id == pair.MenteeEnrolmentId);
            enrolment.Department = "Finance and Risk";
            await db.SaveChangesAsync();
        });
        var moved = await app.ExecuteDbContextAsync(db => DashboardFacts.VersionsAsync(db, CancellationToken.None));
        Assert.True(moved[program.Id].Lookups > after[program.Id].Lookups);
    }
}
