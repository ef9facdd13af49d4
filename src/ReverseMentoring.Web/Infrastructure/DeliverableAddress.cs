using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using MimeKit;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// The one test of an e-mail address, used where an address is entered and again where a message is sent, so that an
/// address the app accepts is one it can send to. It must parse as a single mailbox and be exactly its plain address:
/// no display name ("x&lt;victim@example.com&gt;"), comment ("(c)victim@example.com"), route, group or list, which a
/// lenient parser would quietly turn into somebody else's address.
/// </summary>
public static class DeliverableAddress
{
    public const string Message = "Enter an e-mail address like name@company.com.";

    private static readonly ParserOptions Strict = CreateParserOptions();

    public static bool IsValid([NotNullWhen(true)] string? value) => TryParse(value, out _);

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (string.IsNullOrEmpty(value) || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        if (!MailboxAddress.TryParse(Strict, value, out var parsed)
            || !string.IsNullOrEmpty(parsed.Name) || parsed.Route.Count > 0 || !string.Equals(parsed.Address, value, StringComparison.Ordinal))
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }

    /// <summary>The field must hold an address the app can send to (leading and trailing spaces are ignored, as on saving).</summary>
    public static IRuleBuilderOptions<T, string> MustBeDeliverableAddress<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(value => IsValid(value?.Trim())).WithMessage(Message);

    private static ParserOptions CreateParserOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        options.AllowUnquotedCommasInAddresses = false;
        return options;
    }
}
