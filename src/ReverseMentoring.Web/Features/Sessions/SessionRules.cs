using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>What a person enters to schedule or reschedule a session: the same form, the same rules.</summary>
public interface ISessionPlan
{
    DateOnly? Date { get; }

    TimeOnly? Time { get; }

    int DurationMinutes { get; }

    SessionFormats Format { get; }

    string Location { get; }

    List<int> TopicIds { get; }
}

/// <summary>The rules every session plan follows before the database is asked anything.</summary>
public sealed class SessionPlanValidator<T> : AbstractValidator<T>
    where T : ISessionPlan
{
    public SessionPlanValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Enter the date of the session.").WithinSupportedDates();
        RuleFor(c => c.Time).NotNull().WithMessage("Enter the time the session starts.");
        RuleFor(c => c.DurationMinutes)
            .InclusiveBetween(Session.MinMinutes, Session.MaxMinutes)
            .WithMessage($"A session lasts {Session.MinMinutes} to {Session.MaxMinutes} minutes.");
        RuleFor(c => c.Format)
            .Must(f => EnrolmentRules.EachFormat.Contains(f))
            .WithMessage("Choose how you meet: in person, virtual or group.");
        // A virtual session may leave it empty: the program's meeting link pattern fills it (see SessionRules.CheckAsync).
        RuleFor(c => c.Location).Cascade(CascadeMode.Stop)
            .NotEmpty().When(c => c.Format != SessionFormats.Virtual).WithMessage("Enter where you meet: a room or address, or the meeting link.")
            .MaximumLength(Session.LocationMaxLength).WithMessage($"A location has at most {Session.LocationMaxLength} characters; shorten it.");
        RuleFor(c => c.Location)
            .Must(SessionRules.IsMeetingLink)
            .When(c => c.Format == SessionFormats.Virtual && !string.IsNullOrWhiteSpace(c.Location) && c.Location.Length <= Session.LocationMaxLength)
            .WithMessage("For a virtual session, enter the meeting link, starting with https:// (or http://).");
        RuleFor(c => c.TopicIds)
            .Must(ids => ids is null || ids.Count <= 50)
            .WithMessage("Choose at most 50 topics.");
    }
}

/// <summary>A pair seen from one of its sides, with what scheduling needs.</summary>
public sealed record PairSides(Pair Pair, MentoringProgram Program, Enrolment Me, Enrolment Partner)
{
    /// <summary>Sessions are planned only for an active pair in a program still running or about to.</summary>
    public bool CanPlanSessions => Pair.IsActive && Program.Status != ProgramStatus.Closed;

    /// <summary>The viewer's own profile zone: every time they see or enter is in it, whatever the program.</summary>
    public string MyZone => Me.User?.TimeZoneId ?? "UTC";

    /// <summary>The partner's profile zone, for what they are told.</summary>
    public string PartnerZone => Partner.User?.TimeZoneId ?? "UTC";

    public string PartnerName => Partner.User?.DisplayName ?? "Your partner";
}

/// <summary>A session to be, checked: its instants in UTC and its agenda.</summary>
public sealed record CheckedPlan(DateTime StartsAtUtc, DateTime EndsAtUtc, IReadOnlyList<int> TopicIds, string Location);

/// <summary>A suggested start, in the viewer's time zone, to fill the form with.</summary>
public sealed record SuggestedTime(DateOnly Date, TimeOnly Time, string Text);

public static class SessionRules
{
    public const int SuggestionCount = 5;
    public const int SuggestionDays = 21;

    public const string ConflictMessage =
        "Someone else changed this session while you were editing. Reload to see their changes; yours were not saved.";

    /// <summary>
    /// Saves a change to a session the person opened at <paramref name="version"/> (refused if someone changed it since),
    /// with the e-mail that tells the other side the change and carries its calendar file (sent once the change commits).
    /// </summary>
    public static async Task SaveAndTellPartnerAsync(
        AppDbContext db, Outbox outbox, PublicLinks links, object command, Guid version, Session session, PairSides sides,
        SessionMail.Change change, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sides);
        var agenda = Agenda(session, sides.Program);
        await outbox.QueueAsync(SessionMail.ToPartner(change, session, sides, agenda, links.To($"/Participant/Sessions/{session.Id}"), now), cancellationToken);
        db.Entry(session).Property(s => s.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RequestValidationException.For(command, "", ConflictMessage);
        }
    }

    /// <summary>The program's meeting link for this pair (its pattern filled in), or null when the program has none.</summary>
    public static string? MeetingLink(PairSides sides)
    {
        ArgumentNullException.ThrowIfNull(sides);
        return sides.Program.MeetingLinkTemplate is { Length: > 0 } template
            && sides.Pair.MentorEnrolment?.User?.Email is { } mentor && sides.Pair.MenteeEnrolment?.User?.Email is { } mentee
            ? MeetingLinks.Fill(template, sides.Pair.Id, mentor, mentee)
            : null;
    }

    public static bool IsMeetingLink(string? location) =>
        Uri.TryCreate(location?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The pair with both enrolments and people, when the user is one of its two sides; otherwise null.</summary>
    public static async Task<PairSides?> PairAsync(AppDbContext db, int pairId, string userId, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.AsNoTracking().OfParticipant(userId)
            .Include(p => p.MentorEnrolment).ThenInclude(e => e!.User)
            .Include(p => p.MenteeEnrolment).ThenInclude(e => e!.User)
            .SingleOrDefaultAsync(p => p.Id == pairId, cancellationToken);
        if (pair is null)
        {
            return null;
        }

        var amMentor = pair.SideOf(userId) == ParticipantRole.Mentor;
        var program = await db.Programs.AsNoTracking().Include(p => p.Topics)
            .SingleAsync(p => p.Id == pair.ProgramId, cancellationToken);
        return amMentor
            ? new PairSides(pair, program, pair.MentorEnrolment!, pair.MenteeEnrolment!)
            : new PairSides(pair, program, pair.MenteeEnrolment!, pair.MentorEnrolment!);
    }

    /// <summary>
    /// The checks that need the database and the clock. Throws a validation failure on the field to fix; returns the
    /// plan in UTC otherwise. <paramref name="exceptSessionId"/> is the session being rescheduled, which cannot clash with itself.
    /// </summary>
    public static async Task<CheckedPlan> CheckAsync<T>(AppDbContext db, T plan, PairSides sides, DateTime nowUtc, int? exceptSessionId, CancellationToken cancellationToken)
        where T : class, ISessionPlan
    {
        var program = sides.Program;
        if (!program.Formats.HasFlag(plan.Format))
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Format),
                $"This program's sessions are {EnrolmentRules.Formats(program.Formats)}: choose one of those.");
        }

        var topicIds = (plan.TopicIds ?? []).Distinct().ToList();
        if (topicIds.Any(id => program.Topics.All(t => t.Id != id)))
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.TopicIds), "Choose topics from this program's list.");
        }

        var location = (plan.Location ?? "").Trim();
        if (location.Length == 0)
        {
            location = MeetingLink(sides) ?? throw RequestValidationException.For(plan, nameof(ISessionPlan.Location),
                "Enter the meeting link, starting with https://: this program has no meeting link pattern to fill in.");
            if (location.Length > Session.LocationMaxLength)
            {
                throw RequestValidationException.For(plan, nameof(ISessionPlan.Location),
                    "The program's meeting link for this pair is too long to keep; enter the meeting link yourself.");
            }
        }

        var conversion = SessionTimes.ToUtc(plan.Date!.Value, plan.Time!.Value, sides.MyZone);
        if (conversion.Utc is not { } starts)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Time), conversion.Problem!);
        }

        if (starts <= nowUtc)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Date),
                $"{SessionTimes.Day(plan.Date.Value)} at {SessionTimes.Time(plan.Time.Value)} has passed. Choose a date and time in the future.");
        }

        var ends = starts.AddMinutes(plan.DurationMinutes);
        if (await ClashAsync(db, sides, starts, ends, exceptSessionId, cancellationToken) is { } clash)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Date), clash);
        }

        return new CheckedPlan(starts, ends, topicIds, location);
    }

    /// <summary>"Alex already has a session from 10:00 to 11:00 on Tue 3 Mar 2027. Choose another time.", or null when both are free.</summary>
    public static Task<string?> ClashAsync(AppDbContext db, PairSides sides, DateTime startsAtUtc, DateTime endsAtUtc, int? exceptSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sides);
        return ClashAsync(db, [new(sides.Me.UserId, "You already have"), new(sides.Partner.UserId, $"{sides.PartnerName} already has")],
            sides.MyZone, startsAtUtc, endsAtUtc, exceptSessionId, cancellationToken);
    }

    /// <summary>Someone a new session would book, with how a clash names them to the viewer ("You already have").</summary>
    public sealed record Attendee(string UserId, string Has);

    /// <summary>
    /// The first booked session (a pair's or a group's) that overlaps the time for any of <paramref name="people"/>, named
    /// for the first of them it books, in the viewer's zone; or null when all are free.
    /// </summary>
    public static async Task<string?> ClashAsync(AppDbContext db, IReadOnlyList<Attendee> people, string viewerZone, DateTime startsAtUtc, DateTime endsAtUtc, int? exceptSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var userIds = people.Select(p => p.UserId).Distinct().ToList();
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => userIds.Contains(e.UserId))
            .Select(e => new { e.Id, e.UserId }).ToListAsync(cancellationToken);
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        var booked = Session.BookedStatuses.ToList();
        var clash = await (await db.Sessions.AsNoTracking()
            .Where(s => booked.Contains(s.Status) && s.Id != (exceptSessionId ?? 0) && s.StartsAtUtc < endsAtUtc && s.EndsAtUtc > startsAtUtc)
            .InvolvingAsync(db, enrolmentIds, cancellationToken))
            .OrderBy(s => s.StartsAtUtc)
            .Select(s => new
            {
                s.StartsAtUtc,
                s.EndsAtUtc,
                PairMentor = (int?)s.Pair!.MentorEnrolmentId,
                PairMentee = (int?)s.Pair!.MenteeEnrolmentId,
                GroupMentor = (int?)s.Group!.MentorEnrolmentId,
                Members = s.Group!.Members.Select(m => m.MenteeEnrolmentId).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (clash is null)
        {
            return null;
        }

        var booking = new HashSet<int>(clash.Members);
        foreach (var id in new[] { clash.PairMentor, clash.PairMentee, clash.GroupMentor })
        {
            if (id is { } value)
            {
                booking.Add(value);
            }
        }

        var who = people.FirstOrDefault(p => enrolments.Any(e => e.UserId == p.UserId && booking.Contains(e.Id)))?.Has ?? people[0].Has;
        var zone = viewerZone;
        var from = SessionTimes.ToLocal(clash.StartsAtUtc, zone);
        var to = SessionTimes.ToLocal(clash.EndsAtUtc, zone);
        return $"{who} a session from {SessionTimes.Time(from)} to {SessionTimes.Time(to)} on {SessionTimes.Day(DateOnly.FromDateTime(from))} ({SessionTimes.Zone(zone).Id}). Choose another time.";
    }

    /// <summary>The next free times for both sides of the pair, shown in the viewer's time zone.</summary>
    public static async Task<IReadOnlyList<SuggestedTime>> SuggestAsync(AppDbContext db, PairSides sides, int minutes, DateTime nowUtc, int? exceptSessionId, CancellationToken cancellationToken)
    {
        var enrolmentIds = new[] { sides.Me.Id, sides.Partner.Id };
        var availability = await db.AvailabilitySlots.AsNoTracking().Where(a => enrolmentIds.Contains(a.EnrolmentId)).ToListAsync(cancellationToken);
        var people = new[] { sides.Me.UserId, sides.Partner.UserId };
        var allEnrolments = await db.Enrolments.AsNoTracking().Where(e => people.Contains(e.UserId)).Select(e => e.Id).ToListAsync(cancellationToken);
        var horizon = nowUtc.AddDays(SuggestionDays);
        var booked = Session.BookedStatuses.ToList();
        var busy = await (await db.Sessions.AsNoTracking()
            .Where(s => booked.Contains(s.Status) && s.Id != (exceptSessionId ?? 0) && s.EndsAtUtc > nowUtc && s.StartsAtUtc < horizon)
            .InvolvingAsync(db, allEnrolments, cancellationToken))
            .Select(s => new Interval(s.StartsAtUtc, s.EndsAtUtc))
            .ToListAsync(cancellationToken);
        var starts = FreeStarts(nowUtc, minutes,
            Weekly(sides.Me.TimeZoneId, availability.Where(a => a.EnrolmentId == sides.Me.Id), nowUtc),
            Weekly(sides.Partner.TimeZoneId, availability.Where(a => a.EnrolmentId == sides.Partner.Id), nowUtc),
            busy);
        return starts.Select(s => new SuggestedTime(
            SessionTimes.LocalDate(s, sides.MyZone),
            SessionTimes.LocalTime(s, sides.MyZone),
            SessionTimes.Format(s, s.AddMinutes(minutes), sides.MyZone))).ToList();
    }

    /// <summary>A session with its agenda and pair, when the user is one of the pair's two sides; otherwise null.</summary>
    public static async Task<(Session Session, PairSides Sides)?> SessionAsync(AppDbContext db, int sessionId, string userId, bool track, CancellationToken cancellationToken)
    {
        var sessions = track ? db.Sessions : db.Sessions.AsNoTracking();
        var session = await sessions.Include(s => s.Topics).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is not { PairId: { } pairId } || await PairAsync(db, pairId, userId, cancellationToken) is not { } sides)
        {
            return null;
        }

        return (session, sides);
    }

    /// <summary>The program's topics on the session's agenda, in the program's order.</summary>
    public static IReadOnlyList<string> Agenda(Session session, MentoringProgram program)
    {
        var ids = session.Topics.Where(t => t.Kind == SessionTopicKind.Agenda).Select(t => t.ProgramTopicId).ToHashSet();
        return program.Topics.Where(t => ids.Contains(t.Id)).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => t.Title).ToList();
    }

    public sealed record Interval(DateTime Start, DateTime End);

    /// <summary>A person's weekly slots as UTC intervals over the suggestion window, each day in their own time zone.</summary>
    public static IReadOnlyList<Interval> Weekly(string zoneId, IEnumerable<AvailabilitySlot> slots, DateTime nowUtc)
    {
        var list = slots.ToList();
        var first = SessionTimes.LocalDate(nowUtc, zoneId).AddDays(-1);
        var intervals = new List<Interval>();
        for (var day = first; day <= first.AddDays(SuggestionDays + 2); day = day.AddDays(1))
        {
            foreach (var slot in list.Where(s => s.Day == day.DayOfWeek))
            {
                var start = SessionTimes.ToUtcLenient(day, slot.Starts, zoneId);
                var end = slot.Ends > slot.Starts
                    ? SessionTimes.ToUtcLenient(day, slot.Ends, zoneId)
                    : SessionTimes.ToUtcLenient(day.AddDays(1), slot.Ends, zoneId);
                if (end > start)
                {
                    intervals.Add(new Interval(start, end));
                }
            }
        }

        return intervals.OrderBy(i => i.Start).ToList();
    }

    /// <summary>
    /// The earliest free start of each window both people share, on a quarter-hour grid: one suggestion per window, so
    /// five suggestions are five different occasions rather than five quarter-hours of one afternoon.
    /// </summary>
    public static IReadOnlyList<DateTime> FreeStarts(DateTime nowUtc, int minutes, IReadOnlyList<Interval> first, IReadOnlyList<Interval> second, IReadOnlyList<Interval> busy)
    {
        var length = TimeSpan.FromMinutes(minutes);
        var horizon = nowUtc.AddDays(SuggestionDays);
        var shared = first
            .SelectMany(a => second.Select(b => new Interval(a.Start > b.Start ? a.Start : b.Start, a.End < b.End ? a.End : b.End)))
            .Where(i => i.End > i.Start)
            .OrderBy(i => i.Start)
            .ToList();
        var found = new List<DateTime>();
        foreach (var window in shared)
        {
            var candidate = QuarterHourAtOrAfter(window.Start > nowUtc ? window.Start : nowUtc);
            while (candidate + length <= window.End && candidate < horizon)
            {
                var blocking = busy.Where(b => b.Start < candidate + length && b.End > candidate).MaxBy(b => b.End);
                if (blocking is null)
                {
                    if (!found.Contains(candidate))
                    {
                        found.Add(candidate);
                    }

                    break;
                }

                candidate = QuarterHourAtOrAfter(blocking.End);
            }
        }

        return found.Order().Take(SuggestionCount).ToList();
    }

    private static DateTime QuarterHourAtOrAfter(DateTime utc)
    {
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        var ticks = (utc.Ticks + quarter - 1) / quarter * quarter;
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
