using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Emails;

/// <summary>A program's wording of each kind of e-mail (HR's own, else the built-in one), and the values every kind shares.</summary>
public static class ProgramEmails
{
    /// <summary>The wording the program sends for the kind.</summary>
    public static async Task<EmailWording> WordingAsync(AppDbContext db, int programId, EmailKind kind, CancellationToken cancellationToken) =>
        (await WordingsAsync(db, [programId], kind, cancellationToken))[programId];

    /// <summary>The wording of the kind for each of the programs.</summary>
    public static async Task<IReadOnlyDictionary<int, EmailWording>> WordingsAsync(
        AppDbContext db, IReadOnlyCollection<int> programIds, EmailKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(programIds);
        var ids = programIds.Distinct().ToList();
        var custom = await db.EmailTemplates.AsNoTracking()
            .Where(t => t.Kind == kind && ids.Contains(t.ProgramId))
            .ToDictionaryAsync(t => t.ProgramId, t => new EmailWording(t.Subject, t.Body), cancellationToken);
        var fallback = EmailKinds.Of(kind).Default;
        return ids.ToDictionary(id => id, id => custom.GetValueOrDefault(id) ?? fallback);
    }

    /// <summary>The message to queue: the wording rendered with the values.</summary>
    public static Outgoing Message(string key, string recipient, EmailWording wording, IReadOnlyDictionary<string, object?> values)
    {
        var rendered = EmailTemplating.Render(wording, values);
        return new Outgoing(key, recipient, rendered.Subject, rendered.Text) { Html = rendered.Html };
    }

    /// <summary>What an invitation tells about the program, as its placeholders name it.</summary>
    public static Dictionary<string, object?> ProgramValues(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["program.name"] = program.Name,
            ["program.objectives"] = program.Objectives,
            ["program.time_commitment"] = TimeCommitment(program),
            ["program.enrolment_closes_on"] = program.EnrolmentClosesOn?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "",
            ["program.cadence_days"] = program.SessionCadenceDays,
        };
    }

    /// <summary>"6 sessions of 60 minutes, every two weeks".</summary>
    public static string TimeCommitment(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var cadence = program.SessionCadenceDays switch
        {
            7 => "every week",
            14 => "every two weeks",
            21 => "every three weeks",
            28 => "every four weeks",
            var days => $"every {days} days",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{program.ExpectedSessions} session{(program.ExpectedSessions == 1 ? "" : "s")} of {program.SessionMinutes} minutes, {cadence}");
    }

    /// <summary>The preview's values: the program's own where the kind names them, examples for the rest.</summary>
    public static Dictionary<string, object?> PreviewValues(EmailKind kind, MentoringProgram program)
    {
        var values = EmailKinds.Samples(kind);
        foreach (var (name, value) in ProgramValues(program).Where(v => values.ContainsKey(v.Key)))
        {
            values[name] = value;
        }

        return values;
    }
}
