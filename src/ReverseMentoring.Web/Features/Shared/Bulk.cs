using System.Globalization;
using System.Text.Json;
using FluentValidation.Results;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Shared;

/// <summary>How a bulk action treats the chosen records that cannot take it.</summary>
public enum BulkMode
{
    /// <summary>One refusal and nothing is done; each refusing record is named.</summary>
    AllOrNothing = 0,

    /// <summary>The records that can take the action take it; the others are reported, each with why.</summary>
    WhatCan = 1,
}

/// <summary>One chosen record of a bulk action: its name, and why it cannot take the action (null when it can, or did).</summary>
public sealed record BulkRow(int Id, string Name, string? Refusal)
{
    public bool CanAct => Refusal is null;
}

/// <summary>What a bulk action did, record by record, as the list page shows it after the redirect.</summary>
public sealed record BulkReport(string Summary, IReadOnlyList<string> Done, IReadOnlyList<string> NotDone)
{
    /// <summary>Kept short enough for the TempData cookie; the rest is counted.</summary>
    public const int LinesShown = 50;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static BulkReport? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<BulkReport>(json);
}

/// <summary>The rules every bulk action of HR shares: how many at once, how a refusal is reported, how people are named.</summary>
public static class Bulk
{
    /// <summary>The most records one bulk action takes: enough for a cohort, and a page that still answers in seconds.</summary>
    public const int MaxSelection = 1000;

    /// <summary>How many names a confirmation spells out before "and N more".</summary>
    public const int NamesShown = 10;

    /// <summary>"Ana Ruiz, Ben Ode and 3 more".</summary>
    public static string Names(IEnumerable<string> names, int shown = NamesShown)
    {
        ArgumentNullException.ThrowIfNull(names);
        var all = names.ToList();
        if (all.Count <= shown)
        {
            return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all.Take(all.Count - 1))} and {all[^1]}";
        }

        return $"{string.Join(", ", all.Take(shown))} and {(all.Count - shown).ToString("N0", CultureInfo.InvariantCulture)} more";
    }

    /// <summary>"1 enrolment", "12 enrolments".</summary>
    public static string Count(int count, string singular, string plural) =>
        count == 1 ? $"1 {singular}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {plural}";

    /// <summary>Why a selection cannot go ahead at all: empty, or larger than <see cref="MaxSelection"/>; null when it can.</summary>
    public static string? SelectionProblem(int count, string singular, string plural) => count switch
    {
        0 => $"No {singular} was chosen. Tick the {plural} to act on, or choose all that match the filter; nothing was done.",
        > MaxSelection => $"{Count(count, singular, plural)} were chosen; act on at most {MaxSelection.ToString("N0", CultureInfo.InvariantCulture)} at a time. Narrow the filter or tick fewer; nothing was done.",
        _ => null,
    };

    /// <summary>The ids asked for that the selection did not find (another program's, or none at all): each refused by its id.</summary>
    public static IEnumerable<BulkRow> Missing(IEnumerable<int> asked, IEnumerable<int> found, string singular)
    {
        var known = found.ToHashSet();
        return asked.Distinct().Where(id => !known.Contains(id))
            .Select(id => new BulkRow(id, $"{Capitalised(singular)} {id.ToString(CultureInfo.InvariantCulture)}", $"there is no such {singular} in this program"));
    }

    /// <summary>
    /// Applies <paramref name="act"/> to each record through its guarded method; a record whose method refuses
    /// (<see cref="DomainRuleException"/>) is reported with the entity's own reason instead.
    /// </summary>
    public static List<BulkRow> Apply<T>(IEnumerable<T> records, Func<T, int> id, Func<T, string> name, Action<T> act)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(act);
        var rows = new List<BulkRow>();
        foreach (var record in records)
        {
            try
            {
                act(record);
                rows.Add(new BulkRow(id(record), name(record), null));
            }
            catch (DomainRuleException refused)
            {
                rows.Add(new BulkRow(id(record), name(record), refused.Message));
            }
        }

        return rows;
    }

    /// <summary>
    /// In all-or-nothing mode any refusal stops the whole action: the exception rolls the transaction back and the page
    /// names every refusing record. Otherwise returns what was done and what was not.
    /// </summary>
    public static BulkReport Settle(object request, BulkMode mode, IReadOnlyList<BulkRow> rows, string verbPast, string singular, string plural)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var refused = rows.Where(r => !r.CanAct).ToList();
        if (mode == BulkMode.AllOrNothing && refused.Count > 0)
        {
            var failures = new List<ValidationFailure>
            {
                new("", $"Nothing was {verbPast}: {Count(refused.Count, singular, plural)} of the {rows.Count.ToString("N0", CultureInfo.InvariantCulture)} chosen cannot be. Leave them out, or choose to do what can be done."),
            };
            failures.AddRange(refused.Select(r => new ValidationFailure("", $"{r.Name}: {r.Refusal}")));
            throw new RequestValidationException(request, failures);
        }

        var done = rows.Where(r => r.CanAct).ToList();
        var summary = done.Count == 0
            ? $"Nothing was {verbPast}."
            : $"{Capitalised(verbPast)} {Count(done.Count, singular, plural)}: {Names(done.Select(r => r.Name))}."
              + (refused.Count > 0 ? $" {Count(refused.Count, singular, plural)} not {verbPast}; see below." : "");
        return new BulkReport(summary, Lines(done.Select(r => $"{r.Name}: {verbPast}.")), Lines(refused.Select(r => $"{r.Name}: not {verbPast}: {r.Refusal}")));
    }

    private static List<string> Lines(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        return all.Count <= BulkReport.LinesShown
            ? all
            : [.. all.Take(BulkReport.LinesShown), $"and {(all.Count - BulkReport.LinesShown).ToString("N0", CultureInfo.InvariantCulture)} more."];
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
