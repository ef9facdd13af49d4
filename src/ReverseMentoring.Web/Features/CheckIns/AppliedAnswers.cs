using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.CheckIns;

/// <summary>
/// What each side of a pair said they applied at work after the pair ended: the free-text answers of the "applied?"
/// survey. Questions anonymous to HR are left out, so whoever shows these never puts a name to an anonymous answer.
/// </summary>
public static class AppliedAnswers
{
    public sealed record Answer(ParticipantRole Side, DateTime AnsweredAtUtc, string Question, string Text);

    /// <summary>The pair's named "applied?" text answers, oldest first.</summary>
    public static async Task<IReadOnlyList<Answer>> ForPairAsync(AppDbContext db, int pairId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (
                from a in db.CheckInAnswers.AsNoTracking()
                join c in db.CheckIns.AsNoTracking() on a.CheckInId equals c.Id
                where c.PairId == pairId && c.Kind == CheckInKind.Applied && c.AnsweredAtUtc != null
                    && a.Question!.ProgramId == c.ProgramId && !a.Question.AnonymousToHr
                    && a.Question.Kind == CheckInQuestionKind.Text && a.Text != null && a.Text != ""
                orderby c.AnsweredAtUtc, c.Id, a.Question!.SortOrder, a.Id
                select new Answer(c.Role, c.AnsweredAtUtc!.Value, a.Question!.Text, a.Text!))
            .Take(100)
            .ToListAsync(cancellationToken);
    }

    public sealed record ProgramAnswer(int PairId, string MentorName, string MenteeName, ParticipantRole Side, DateTime AnsweredAtUtc, string Text);

    /// <summary>How many people answered the program's named "applied?" questions, and the latest answers, newest first.</summary>
    public static async Task<(int People, IReadOnlyList<ProgramAnswer> Latest)> ForProgramAsync(
        AppDbContext db, int programId, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var answers =
            from a in db.CheckInAnswers.AsNoTracking()
            join c in db.CheckIns.AsNoTracking() on a.CheckInId equals c.Id
            where c.ProgramId == programId && c.Kind == CheckInKind.Applied && c.AnsweredAtUtc != null
                && a.Question!.ProgramId == c.ProgramId && !a.Question.AnonymousToHr
                && a.Question.Kind == CheckInQuestionKind.Text && a.Text != null && a.Text != ""
            select new { c, a };
        var people = await answers.Select(x => x.c.EnrolmentId).Distinct().CountAsync(cancellationToken);
        var latest = await answers
            .OrderByDescending(x => x.c.AnsweredAtUtc).ThenByDescending(x => x.a.Id)
            .Take(take)
            .Select(x => new ProgramAnswer(
                x.c.PairId, x.c.Pair!.MentorEnrolment!.User!.DisplayName, x.c.Pair.MenteeEnrolment!.User!.DisplayName,
                x.c.Role, x.c.AnsweredAtUtc!.Value, x.a.Text!))
            .ToListAsync(cancellationToken);
        return (people, latest);
    }
}
