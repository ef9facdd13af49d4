using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Coordinator;

/// <summary>The kinds of things HR has to act on, in the order the to-do list shows them.</summary>
public enum ToDoKind
{
    /// <summary>A concern a side of a pair raised with HR, not resolved yet: urgent, so listed before everything else.</summary>
    ConcernRaised = -1,

    /// <summary>An enrolment submitted and waiting for HR's decision.</summary>
    EnrolmentToReview = 0,

    /// <summary>A proposed pair one side declined, and one of its people has no live pair since.</summary>
    DeclineToRepair = 1,

    /// <summary>A proposed pair a side has not answered by the program's response deadline.</summary>
    UnansweredProposal = 2,

    /// <summary>An active pair with at least one pair-health flag.</summary>
    PairAtRisk = 3,

    /// <summary>An e-mail the app gave up delivering. Not tied to a program: every coordinator sees these.</summary>
    UndeliveredEmail = 4,

    /// <summary>A message one side of a pair reported to HR, not yet marked as dealt with.</summary>
    MessageReported = 5,
}

/// <summary>One thing to act on: what, where, since when, and the page that resolves it.</summary>
public sealed record ToDoItem(ToDoKind Kind, int? ProgramId, string? ProgramName, string Title, string Detail, string Link, DateTime SinceUtc);

/// <summary>
/// What HR has to act on across a set of programs, as at one moment: the coordinator's home page shows it, and a daily
/// digest can send the same. Each kind is one query over the programs (pair health through <see cref="PairHealthQueries"/>,
/// the response deadline through <see cref="Pair.IsResponseOverdue"/>), so it costs the same for one program or fifty.
/// </summary>
public static class CoordinatorToDo
{
    /// <summary>The programs the person coordinates that are not archived: "my programs".</summary>
    public static IQueryable<int> ProgramsOf(AppDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ProgramCoordinators.Where(c => c.UserId == userId)
            .Join(db.Programs.Where(p => p.ArchivedAtUtc == null), c => c.ProgramId, p => p.Id, (c, p) => p.Id);
    }

    /// <summary>Every program that is not archived: "all programs".</summary>
    public static IQueryable<int> AllPrograms(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Programs.Where(p => p.ArchivedAtUtc == null).Select(p => p.Id);
    }

    /// <summary>Everything to act on in <paramref name="programIds"/> as at <paramref name="nowUtc"/>, plus the undelivered e-mails; oldest first within each kind.</summary>
    public static async Task<IReadOnlyList<ToDoItem>> ItemsAsync(
        AppDbContext db, IReadOnlyCollection<int> programIds, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(programIds);
        var ids = programIds.Distinct().ToList();
        var names = await db.Programs.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.PairResponseDays })
            .ToDictionaryAsync(p => p.Id, cancellationToken);

        var items = new List<ToDoItem>();
        items.AddRange(await EnrolmentsAsync(db, ids, cancellationToken));
        items.AddRange(await DeclinesAsync(db, ids, cancellationToken));

        // Proposals waiting for an answer are few (one round per program at a time), so the deadline is compared in memory.
        var waiting = await db.Pairs.AsNoTracking().AwaitingAnswer().Where(p => ids.Contains(p.ProgramId))
            .Select(p => new { Pair = p, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName })
            .ToListAsync(cancellationToken);
        foreach (var w in waiting.Where(w => w.Pair.IsResponseOverdue(names[w.Pair.ProgramId].PairResponseDays, nowUtc)))
        {
            var silent = new List<string>();
            if (w.Pair.MentorResponse == PairResponse.Pending)
            {
                silent.Add($"{w.Mentor} (mentor)");
            }

            if (w.Pair.MenteeResponse == PairResponse.Pending)
            {
                silent.Add($"{w.Mentee} (mentee)");
            }

            var due = w.Pair.ResponseDueUtc(names[w.Pair.ProgramId].PairResponseDays);
            items.Add(new ToDoItem(ToDoKind.UnansweredProposal, w.Pair.ProgramId, names[w.Pair.ProgramId].Name,
                $"{w.Mentor} and {w.Mentee}",
                $"No answer from {string.Join(" or ", silent)}; it was due {due:d MMM yyyy}.",
                $"/Programs/{w.Pair.ProgramId}/Pairs/{w.Pair.Id}", due));
        }

        var health = await db.Pairs.AsNoTracking().Where(p => ids.Contains(p.ProgramId)).HealthByPairAsync(db, nowUtc, cancellationToken);
        var atRisk = health.Values.Where(h => h.AtRisk).ToDictionary(h => h.PairId);
        if (atRisk.Count > 0)
        {
            var riskIds = atRisk.Keys.ToList();
            var pairs = await db.Pairs.AsNoTracking().Where(p => riskIds.Contains(p.Id))
                .Select(p => new { p.Id, p.ProgramId, p.AcceptedAtUtc, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName })
                .ToListAsync(cancellationToken);
            items.AddRange(pairs.Select(p => new ToDoItem(ToDoKind.PairAtRisk, p.ProgramId, names[p.ProgramId].Name,
                $"{p.Mentor} and {p.Mentee}", string.Join("; ", atRisk[p.Id].Reasons),
                $"/Programs/{p.ProgramId}/Pairs/{p.Id}", p.AcceptedAtUtc ?? nowUtc)));
        }

        var concerns = await db.Concerns.AsNoTracking().Where(c => ids.Contains(c.ProgramId) && c.ResolvedAtUtc == null)
            .Join(db.Pairs, c => c.PairId, p => p.Id, (c, p) => new
            {
                c.ProgramId, c.PairId, c.Category, c.RaisedAtUtc,
                Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName,
            })
            .ToListAsync(cancellationToken);
        items.AddRange(concerns.Select(c => new ToDoItem(ToDoKind.ConcernRaised, c.ProgramId, NameOf(c.ProgramId),
            $"{c.Mentor} and {c.Mentee}",
            $"Concern raised ({Concern.Describe(c.Category)}); read it and resolve it on the pair's page.",
            $"/Programs/{c.ProgramId}/Pairs/{c.PairId}", c.RaisedAtUtc)));

        var reports = await db.MessageReports.AsNoTracking().Where(r => ids.Contains(r.ProgramId) && r.HandledAtUtc == null)
            .Join(db.Pairs, r => r.PairId, p => p.Id, (r, p) => new
            {
                r.ProgramId, r.PairId, r.ReportedAtUtc,
                Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName,
            })
            .ToListAsync(cancellationToken);
        items.AddRange(reports.Select(r => new ToDoItem(ToDoKind.MessageReported, r.ProgramId, NameOf(r.ProgramId),
            $"{r.Mentor} and {r.Mentee}", "A message was reported to HR; read it on the pair's page.",
            $"/Programs/{r.ProgramId}/Pairs/{r.PairId}", r.ReportedAtUtc)));

        // What Undelivered lists as given up: no more attempts will be made unless HR asks.
        var givenUp = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAtUtc == null && m.FailedAtUtc != null)
            .Select(m => new { m.Recipient, m.Subject, FailedAtUtc = m.FailedAtUtc!.Value })
            .ToListAsync(cancellationToken);
        items.AddRange(givenUp.Select(m => new ToDoItem(ToDoKind.UndeliveredEmail, null, null,
            $"E-mail to {m.Recipient}", m.Subject, "/Mail/Undelivered", m.FailedAtUtc)));

        return items.OrderBy(i => i.Kind).ThenBy(i => i.SinceUtc).ThenBy(i => i.Link, StringComparer.Ordinal).ToList();

        string NameOf(int programId) => names.TryGetValue(programId, out var p) ? p.Name : "";

        async Task<IEnumerable<ToDoItem>> EnrolmentsAsync(AppDbContext context, List<int> programs, CancellationToken ct)
        {
            var pending = await context.Enrolments.AsNoTracking()
                .Where(e => programs.Contains(e.ProgramId) && e.Status == EnrolmentStatus.Pending)
                .Select(e => new { e.Id, e.ProgramId, e.Role, e.CreatedAtUtc, Name = e.User!.DisplayName })
                .ToListAsync(ct);
            return pending.Select(e => new ToDoItem(ToDoKind.EnrolmentToReview, e.ProgramId, NameOf(e.ProgramId),
                e.Name, $"Enrolled as {(e.Role == ParticipantRole.Mentor ? "mentor" : "mentee")}; waiting for your decision.",
                $"/Programs/{e.ProgramId}/Enrolments/{e.Id}", e.CreatedAtUtc));
        }

        async Task<IEnumerable<ToDoItem>> DeclinesAsync(AppDbContext context, List<int> programs, CancellationToken ct)
        {
            // A decline frees both people; it is dealt with once each of them still taking part is in a live pair again.
            var livePairs = context.Pairs.Live();
            var declined = await context.Pairs.AsNoTracking()
                .Where(p => programs.Contains(p.ProgramId) && p.Status == PairStatus.Declined)
                .Where(p => (p.MentorEnrolment!.Status == EnrolmentStatus.Approved
                        && !livePairs.Any(l => l.MentorEnrolmentId == p.MentorEnrolmentId))
                    || (p.MenteeEnrolment!.Status == EnrolmentStatus.Approved
                        && !livePairs.Any(l => l.MenteeEnrolmentId == p.MenteeEnrolmentId)))
                .Select(p => new
                {
                    p.Id, p.ProgramId, p.MentorResponse, p.MentorRespondedAtUtc, p.MenteeRespondedAtUtc, p.ProposedAtUtc,
                    Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName,
                })
                .ToListAsync(ct);
            return declined.Select(p =>
            {
                var byMentor = p.MentorResponse == PairResponse.Declined;
                var at = (byMentor ? p.MentorRespondedAtUtc : p.MenteeRespondedAtUtc) ?? p.ProposedAtUtc;
                return new ToDoItem(ToDoKind.DeclineToRepair, p.ProgramId, NameOf(p.ProgramId),
                    $"{p.Mentor} and {p.Mentee}",
                    $"Declined by {(byMentor ? p.Mentor + " (mentor)" : p.Mentee + " (mentee)")}; pair them again on the pairing board.",
                    $"/Programs/{p.ProgramId}/Pairing", at);
            });
        }
    }
}
