using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.CheckIns;

public sealed class CheckInOptions
{
    public const string Section = "CheckIns";

    // The milestone and end-of-pair schedules are each program's own (MentoringProgram.Surveys), set by HR.

    /// <summary>Days after the pair was accepted when "have you met yet?" goes to pairs with no held session.</summary>
    public int HaveYouMetDays { get; set; } = 14;
}

public static class CheckInRegistration
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CheckInOptions>(configuration.GetSection(CheckInOptions.Section));
        return services;
    }
}

/// <summary>
/// Sends check-ins to both sides of every pair: HR's survey at each milestone of the program's schedule (with the
/// questions of that day), "have you met yet?" to pairs with no held session two weeks in, the end-of-pair survey once
/// an accepted pair has ended, and "have you used what you learned?" the program's number of days after that. Safe on
/// every instance at once: the check-in's unique key (pair, enrolment, kind, day) lets only one instance insert it, and
/// only the instance that inserted it queues the e-mail.
/// </summary>
public sealed class CheckInJob(
    IServiceScopeFactory scopes, IOptions<CheckInOptions> options, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<CheckInJob> logger)
    : PeriodicJob(schedules, clock, logger)
{
    private static readonly ProgramStatus[] ActiveProgramStatuses = [ProgramStatus.Matching, ProgramStatus.Running];

    /// <summary>
    /// A survey after the end goes out up to this many days late (the job was off, HR added the first question), never
    /// to pairs that ended long before: they would be asked about mentoring they no longer remember.
    /// </summary>
    public const int LateWindowDays = 30;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>The day number of the latest milestone reached after <paramref name="daysIn"/> days, or null before the first.</summary>
    public static int? LatestMilestone(int daysIn, int first, int interval) =>
        SurveySettings.Create(first, interval, true, null).LatestMilestone(daysIn);

    /// <summary>Sends the check-ins due now, by the injected clock; returns how many e-mails this call queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var created = new List<Due>();
        created.AddRange(await InsertAsync(db, await MilestonesDueAsync(db, now, cancellationToken), cancellationToken));
        created.AddRange(await InsertAsync(db, await HaveYouMetDueAsync(db, now, settings, cancellationToken), cancellationToken));
        created.AddRange(await InsertAsync(db, await EndOfPairDueAsync(db, now, cancellationToken), cancellationToken));
        created.AddRange(await InsertAsync(db, await AppliedDueAsync(db, now, cancellationToken), cancellationToken));
        if (created.Count == 0)
        {
            return 0;
        }

        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var messages = created.Select(d => d.Row.Kind switch
            {
                CheckInKind.HaveYouMet => CheckInMail.HaveYouMet(d.Row.Id, d.Email, d.Name, d.PartnerName, d.ProgramName,
                    links.To($"/Participant/CheckIns/{d.Row.Id}/Met?answer=yes"), links.To($"/Participant/CheckIns/{d.Row.Id}/Met?answer=no")),
                CheckInKind.EndOfPair => CheckInMail.EndOfPair(d.Row.Id, d.Email, d.Name, d.PartnerName, d.ProgramName, links.To($"/Participant/CheckIns/{d.Row.Id}")),
                CheckInKind.Applied => CheckInMail.Applied(d.Row.Id, d.Email, d.Name, d.PartnerName, d.ProgramName, d.Row.DayNumber,
                    links.To($"/Participant/CheckIns/{d.Row.Id}")),
                _ => CheckInMail.Milestone(d.Row.Id, d.Email, d.Name, d.PartnerName, d.ProgramName, d.Row.DayNumber, links.To($"/Participant/CheckIns/{d.Row.Id}")),
            })
            .ToList();
        var queued = await outbox.QueueAsync(messages, cancellationToken);
        await outbox.SaveThenDeliverAsync(cancellationToken);
        return queued;
    }

    private static IQueryable<Pair> ActivePairs(AppDbContext db, DateTime acceptedBy) =>
        db.Pairs.AsNoTracking().Active()
            .Where(p => p.AcceptedAtUtc != null && p.AcceptedAtUtc <= acceptedBy)
            .Where(p => db.Programs.Any(program => program.Id == p.ProgramId && program.ArchivedAtUtc == null
                && ActiveProgramStatuses.Contains(program.Status)));

    private static async Task<List<Due>> MilestonesDueAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // Each program's schedule, and the days its live milestone questions are asked on (null: every milestone).
        var live = db.CheckInQuestions.Where(q => q.RetiredAtUtc == null && q.Survey == CheckInSurvey.Milestone);
        var days = (await live.Select(q => new { q.ProgramId, q.MilestoneDay }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(q => q.ProgramId, q => q.MilestoneDay);
        var programs = await db.Programs.AsNoTracking()
            .Where(p => p.ArchivedAtUtc == null && ActiveProgramStatuses.Contains(p.Status))
            .Where(p => live.Any(q => q.ProgramId == p.Id))
            .Select(p => new { p.Id, p.Surveys })
            .ToDictionaryAsync(p => p.Id, p => new { p.Surveys, Days = days[p.Id].ToList() }, cancellationToken);
        if (programs.Count == 0)
        {
            return [];
        }

        // Only a pair's start and latest milestone are read for every active pair; names and addresses only for those due.
        var earliest = programs.Values.Min(p => p.Surveys.FirstMilestoneDay);
        var programIds = programs.Keys.ToList();
        var active = await ActivePairs(db, now.AddDays(-earliest))
            .Where(p => programIds.Contains(p.ProgramId))
            .Select(p => new
            {
                p.Id,
                p.ProgramId,
                AcceptedAtUtc = p.AcceptedAtUtc!.Value,
                LastDay = db.CheckIns.Where(c => c.PairId == p.Id && c.Kind == CheckInKind.Milestone).Max(c => (int?)c.DayNumber),
            })
            .ToListAsync(cancellationToken);
        var dueDays = new Dictionary<int, int>();
        foreach (var pair in active)
        {
            var program = programs[pair.ProgramId];
            var daysIn = (int)Math.Floor((now - pair.AcceptedAtUtc).TotalDays);
            if (program.Surveys.LatestMilestone(daysIn) is { } day && day > (pair.LastDay ?? 0)
                && program.Days.Any(d => d is null || d == day))
            {
                dueDays[pair.Id] = day;
            }
        }

        if (dueDays.Count == 0)
        {
            return [];
        }

        var ids = dueDays.Keys.ToList();
        var candidates = await Candidates(db, db.Pairs.AsNoTracking().WhereIdIn(p => p.Id, ids)).ToListAsync(cancellationToken);
        return candidates.SelectMany(c => c.BothSides(CheckInKind.Milestone, dueDays[c.PairId], now)).ToList();
    }

    /// <summary>Accepted pairs that have ended, in programs that are not archived (a closed program's pairs are still asked).</summary>
    private static IQueryable<Pair> EndedPairs(AppDbContext db, DateTime endedAfter, DateTime endedBy) =>
        db.Pairs.AsNoTracking()
            .Where(p => p.Status == PairStatus.Ended && p.AcceptedAtUtc != null && p.EndedAtUtc != null
                && p.EndedAtUtc > endedAfter && p.EndedAtUtc <= endedBy)
            .Where(p => db.Programs.Any(program => program.Id == p.ProgramId && program.ArchivedAtUtc == null));

    private static async Task<List<Due>> EndOfPairDueAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var pairs = EndedPairs(db, now.AddDays(-LateWindowDays), now)
            .Where(p => db.Programs.Any(program => program.Id == p.ProgramId && program.Surveys.EndOfPairSurvey))
            .Where(p => db.CheckInQuestions.Any(q => q.ProgramId == p.ProgramId && q.RetiredAtUtc == null && q.Survey == CheckInSurvey.EndOfPair))
            .Where(p => !db.CheckIns.Any(c => c.PairId == p.Id && c.Kind == CheckInKind.EndOfPair));
        var candidates = await Candidates(db, pairs).ToListAsync(cancellationToken);
        return candidates.SelectMany(c => c.BothSides(CheckInKind.EndOfPair, 0, now)).ToList();
    }

    private static async Task<List<Due>> AppliedDueAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // The programs asking, each with its own number of days; the pairs are then read per number of days.
        var schedules = await db.Programs.AsNoTracking()
            .Where(p => p.ArchivedAtUtc == null && p.Surveys.AppliedSurveyDays != null)
            .Where(p => db.CheckInQuestions.Any(q => q.ProgramId == p.Id && q.RetiredAtUtc == null && q.Survey == CheckInSurvey.Applied))
            .Select(p => new { p.Id, Days = p.Surveys.AppliedSurveyDays!.Value })
            .ToListAsync(cancellationToken);
        var due = new List<Due>();
        foreach (var group in schedules.GroupBy(s => s.Days))
        {
            var days = group.Key;
            var programIds = group.Select(s => s.Id).ToList();
            var pairs = EndedPairs(db, now.AddDays(-days - LateWindowDays), now.AddDays(-days))
                .Where(p => programIds.Contains(p.ProgramId))
                .Where(p => !db.CheckIns.Any(c => c.PairId == p.Id && c.Kind == CheckInKind.Applied));
            var candidates = await Candidates(db, pairs).ToListAsync(cancellationToken);
            due.AddRange(candidates.SelectMany(c => c.BothSides(CheckInKind.Applied, days, now)));
        }

        return due;
    }

    private static async Task<List<Due>> HaveYouMetDueAsync(AppDbContext db, DateTime now, CheckInOptions settings, CancellationToken cancellationToken)
    {
        var day = settings.HaveYouMetDays;
        var pairs = ActivePairs(db, now.AddDays(-day))
            .Where(p => !db.Sessions.Any(s => s.PairId == p.Id && s.Status == SessionStatus.Held))
            .Where(p => !db.CheckIns.Any(c => c.PairId == p.Id && c.Kind == CheckInKind.HaveYouMet));
        var candidates = await Candidates(db, pairs).ToListAsync(cancellationToken);
        return candidates.SelectMany(c => c.BothSides(CheckInKind.HaveYouMet, day, now)).ToList();
    }

    private static IQueryable<Candidate> Candidates(AppDbContext db, IQueryable<Pair> pairs) =>
        pairs.Select(p => new Candidate(
            p.Id,
            p.ProgramId,
            db.Programs.Where(program => program.Id == p.ProgramId).Select(program => program.Name).Single(),
            new Side(p.MentorEnrolmentId, p.MentorEnrolment!.UserId, p.MentorEnrolment.User!.Email!, p.MentorEnrolment.User.DisplayName)
            {
                Erased = p.MentorEnrolment.User.ErasedAtUtc != null,
            },
            new Side(p.MenteeEnrolmentId, p.MenteeEnrolment!.UserId, p.MenteeEnrolment.User!.Email!, p.MenteeEnrolment.User.DisplayName)
            {
                Erased = p.MenteeEnrolment.User.ErasedAtUtc != null,
            }));

    /// <summary>
    /// Inserts the check-ins in one save; when another instance inserted some meanwhile, settles them pair by pair
    /// so that only the rows this call inserted are returned (and mailed).
    /// </summary>
    private static async Task<List<Due>> InsertAsync(AppDbContext db, List<Due> due, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return due;
        }

        db.CheckIns.AddRange(due.Select(d => d.Row));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return due;
        }
        catch (DbUpdateException)
        {
            foreach (var item in due)
            {
                db.Entry(item.Row).State = EntityState.Detached;
                item.Row.Id = 0;
            }
        }

        var inserted = new List<Due>();
        foreach (var pair in due.GroupBy(d => d.Row.PairId))
        {
            var rows = pair.ToList();
            db.CheckIns.AddRange(rows.Select(d => d.Row));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                inserted.AddRange(rows);
            }
            catch (DbUpdateException)
            {
                // Sent already by another instance.
                foreach (var item in rows)
                {
                    db.Entry(item.Row).State = EntityState.Detached;
                }
            }
        }

        return inserted;
    }

    private sealed record Side(int EnrolmentId, string UserId, string Email, string Name)
    {
        /// <summary>An erased person is asked nothing more; a survey after the end may come long after the erasure.</summary>
        public bool Erased { get; init; }
    }

    private sealed record Candidate(int PairId, int ProgramId, string ProgramName, Side Mentor, Side Mentee)
    {
        public IEnumerable<Due> BothSides(CheckInKind kind, int day, DateTime now)
        {
            if (!Mentor.Erased)
            {
                yield return new Due(Row(Mentor, ParticipantRole.Mentor, kind, day, now), Mentor.Email, Mentor.Name, Mentee.Name, ProgramName);
            }

            if (!Mentee.Erased)
            {
                yield return new Due(Row(Mentee, ParticipantRole.Mentee, kind, day, now), Mentee.Email, Mentee.Name, Mentor.Name, ProgramName);
            }
        }

        private CheckIn Row(Side side, ParticipantRole role, CheckInKind kind, int day, DateTime now) => new()
        {
            ProgramId = ProgramId,
            PairId = PairId,
            EnrolmentId = side.EnrolmentId,
            UserId = side.UserId,
            Role = role,
            Kind = kind,
            DayNumber = day,
            SentAtUtc = now,
        };
    }

    private sealed record Due(CheckIn Row, string Email, string Name, string PartnerName, string ProgramName);
}

/// <summary>The e-mails that carry a check-in.</summary>
public static class CheckInMail
{
    public static Outgoing Milestone(int checkInId, string email, string name, string partnerName, string programName, int day, string link) => new(
        $"check-in:{checkInId}",
        email,
        $"How is your mentoring going? {programName}",
        $"""
        Hello {name},

        You and {partnerName} have been paired in {programName} for {day} days. HR would like to hear how it is going:
        a few short questions, a couple of minutes. HR reads your answers; your partner never sees them.
        {link}
        """);

    public static Outgoing HaveYouMet(int checkInId, string email, string name, string partnerName, string programName, string yesLink, string noLink) => new(
        $"check-in:{checkInId}",
        email,
        $"Have you met {partnerName} yet? {programName}",
        $"""
        Hello {name},

        Your pair with {partnerName} in {programName} was confirmed two weeks ago. Have you met yet? One click answers:

        Yes, we have met: {yesLink}
        No, not yet: {noLink}

        If you have not met yet, HR can help you get started.
        """);

    public static Outgoing EndOfPair(int checkInId, string email, string name, string partnerName, string programName, string link) => new(
        $"check-in:{checkInId}",
        email,
        $"End-of-pair survey: your mentoring with {partnerName}, {programName}",
        $"""
        Hello {name},

        Your pair with {partnerName} in {programName} has ended. Thank you for taking part. HR would like to know how useful
        the mentoring was and what you take from it: the end-of-pair survey has a few short questions.
        HR reads your answers; your partner never sees them.
        {link}
        """);

    public static Outgoing Applied(int checkInId, string email, string name, string partnerName, string programName, int days, string link) => new(
        $"check-in:{checkInId}",
        email,
        $"Have you used what you learned? {programName}",
        $"""
        Hello {name},

        Your pair with {partnerName} in {programName} ended {days} days ago. Have you used what you learned since?
        HR would like an example or two: a short follow-up survey, a couple of minutes.
        HR reads your answers; your partner never sees them.
        {link}
        """);
}
