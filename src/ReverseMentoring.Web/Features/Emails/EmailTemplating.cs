using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace ReverseMentoring.Web.Features.Emails;

/// <summary>The subject and text of one kind of e-mail, in Liquid: HR's own or the built-in one.</summary>
public sealed record EmailWording(string Subject, string Body);

/// <summary>An e-mail made from its wording: a one-line subject, the plain text, and the same text as HTML.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>A field of the wording that cannot be used, with what to fix.</summary>
public sealed record WordingProblem(string Field, string Message);

/// <summary>
/// Checks and renders e-mail wording with Fluid, sandboxed: a template sees only the plain values its kind offers (text,
/// numbers, yes/no in dictionaries, never an entity), may name no placeholder outside the kind's list, includes no file,
/// and runs a bounded number of steps. The HTML part is made from the rendered text, so every value and every word HR
/// wrote is HTML-encoded; only paragraphs, line breaks and links are added.
/// </summary>
public static partial class EmailTemplating
{
    public const string SubjectField = "Subject";
    public const string BodyField = "Body";

    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });

    // Nothing is registered: no .NET type's members are reachable, only the dictionaries handed in.
    private static readonly TemplateOptions Options = new()
    {
        MemberAccessStrategy = new DefaultMemberAccessStrategy(),
        CultureInfo = CultureInfo.InvariantCulture,
        MaxSteps = 20_000,
        MaxRecursion = 20,
    };

    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>What is wrong with the wording for its kind; empty when it may be saved.</summary>
    public static IReadOnlyList<WordingProblem> Problems(EmailKindInfo kind, EmailWording wording)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(wording);
        var problems = new List<WordingProblem>();
        Check(kind, SubjectField, wording.Subject, ProgramEmailTemplate.SubjectMaxLength, problems);
        Check(kind, BodyField, wording.Body, ProgramEmailTemplate.BodyMaxLength, problems);
        return problems;
    }

    /// <summary>Renders wording that <see cref="Problems"/> accepted, with the values of its placeholders.</summary>
    public static RenderedEmail Render(EmailWording wording, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(values);
        var subject = OneLine(RenderText(wording.Subject, values));
        var text = Tidy(RenderText(wording.Body, values));
        return new RenderedEmail(subject.Length > ProgramEmailTemplate.SubjectMaxLength ? subject[..ProgramEmailTemplate.SubjectMaxLength] : subject, text, Html(text));
    }

    /// <summary>Plain text as HTML: everything encoded, blank lines make paragraphs, line ends breaks, web addresses links.</summary>
    public static string Html(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif; line-height: 1.4\">\n");
        foreach (var paragraph in ParagraphBreak().Split(text.ReplaceLineEndings("\n").Trim()).Where(p => p.Length > 0))
        {
            var encoded = string.Join("<br>\n", paragraph.Split('\n').Select(line => Linked(WebUtility.HtmlEncode(line))));
            html.Append("<p>").Append(encoded).Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Check(EmailKindInfo kind, string field, string? source, int maxLength, List<WordingProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add(new WordingProblem(field, field == SubjectField ? "Write a subject." : "Write the e-mail's text."));
            return;
        }

        if (source.Length > maxLength)
        {
            problems.Add(new WordingProblem(field, $"This has {source.Length} characters; at most {maxLength} are allowed."));
            return;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            problems.Add(new WordingProblem(field, $"The template cannot be read: {error}. Check that every {{{{ has its }}}} and every {{% if %}} its {{% endif %}}."));
            return;
        }

        var names = new NamesUsed();
        names.VisitTemplate(template);
        foreach (var refusal in names.Refused.Distinct(StringComparer.Ordinal))
        {
            problems.Add(new WordingProblem(field, refusal));
        }

        foreach (var name in names.Placeholders.Distinct(StringComparer.Ordinal).Where(n => !kind.Allows(n) && !names.IsLocal(n)))
        {
            problems.Add(new WordingProblem(field,
                $"Unknown placeholder {{{{ {name} }}}}. This e-mail can use: {string.Join(", ", kind.Placeholders.Select(p => p.Name))}."));
        }
    }

    private static string RenderText(string source, IReadOnlyDictionary<string, object?> values)
    {
        var template = Parsed.Count > 1000 ? Parse(source) : Parsed.GetOrAdd(source, Parse);
        var context = new TemplateContext(Options) { AllowModelMembers = false };
        foreach (var (root, value) in Nest(values))
        {
            context.SetValue(root, value);
        }

        // Plain text: the HTML part encodes the result as a whole.
        return template.Render(context, NullEncoder.Default);
    }

    private static IFluidTemplate Parse(string source) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"The e-mail wording cannot be read: {error}");

    /// <summary>"program.name" and "program.objectives" become one "program" dictionary, as Liquid reads them.</summary>
    private static Dictionary<string, object?> Nest(IReadOnlyDictionary<string, object?> values)
    {
        var roots = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            var parts = name.Split('.');
            var level = roots;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (level.GetValueOrDefault(parts[i]) is not Dictionary<string, object?> next)
                {
                    next = new Dictionary<string, object?>(StringComparer.Ordinal);
                    level[parts[i]] = next;
                }

                level = next;
            }

            level[parts[^1]] = value ?? "";
        }

        return roots;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Tidy(string text) => text.ReplaceLineEndings("\n").Trim('\n');

    private static string Linked(string encodedLine) =>
        WebAddress().Replace(encodedLine, m => $"<a href=\"{m.Value}\">{m.Value}</a>");

    [GeneratedRegex(@"\n[ \t]*\n+")]
    private static partial Regex ParagraphBreak();

    // Matched in encoded text: quotes and angle brackets are entities there, so an address cannot leave the attribute.
    [GeneratedRegex(@"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+")]
    private static partial Regex WebAddress();

    /// <summary>Collects the placeholders a template names, the names it defines itself, and the tags it may not use.</summary>
    private sealed class NamesUsed : AstVisitor
    {
        private readonly HashSet<string> _locals = new(StringComparer.Ordinal);

        public List<string> Placeholders { get; } = [];

        public List<string> Refused { get; } = [];

        public bool IsLocal(string name) => _locals.Contains(name.Split('.')[0]);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var parts = new List<string>();
            foreach (var segment in memberExpression.Segments)
            {
                if (segment is IdentifierSegment identifier)
                {
                    parts.Add(identifier.Identifier);
                }
                else
                {
                    Refused.Add($"Write placeholders as {{{{ name.part }}}}, without brackets or calls: {string.Join('.', parts)}… is not allowed.");
                    return memberExpression;
                }
            }

            // forloop.index and the like are Liquid's own, inside a loop.
            if (parts.Count > 0 && parts[0] != "forloop")
            {
                Placeholders.Add(string.Join('.', parts));
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            _locals.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            _locals.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            _locals.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            Refused.Add("An e-mail cannot include other files: remove {% include %}.");
            return includeStatement;
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            Refused.Add("An e-mail cannot render other files: remove {% render %}.");
            return renderStatement;
        }
    }
}
