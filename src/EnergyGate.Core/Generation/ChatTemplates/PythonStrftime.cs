using System.Globalization;
using System.Text;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// Python's <c>datetime.strftime</c> in the C locale for the directives chat templates use
/// (Llama 3.1/3.2 call <c>strftime_now("%d %b %Y")</c>), plus glibc's <c>%-d</c> style no-padding flag.
/// </summary>
internal static class PythonStrftime
{
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Format(DateTime time, string format)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            var pad = true;
            var code = format[++i];
            if (code == '-' && i + 1 < format.Length)
            {
                pad = false;
                code = format[++i];
            }
            string Two(int v) => pad ? v.ToString("00", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
            sb.Append(code switch
            {
                'd' => Two(time.Day),
                'm' => Two(time.Month),
                'Y' => time.Year.ToString(CultureInfo.InvariantCulture),
                'y' => Two(time.Year % 100),
                'b' => Months[time.Month - 1][..3],
                'B' => Months[time.Month - 1],
                'a' => Days[(int)time.DayOfWeek][..3],
                'A' => Days[(int)time.DayOfWeek],
                'H' => Two(time.Hour),
                'I' => Two(time.Hour % 12 == 0 ? 12 : time.Hour % 12),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'M' => Two(time.Minute),
                'S' => Two(time.Second),
                'j' => pad ? time.DayOfYear.ToString("000", CultureInfo.InvariantCulture) : time.DayOfYear.ToString(CultureInfo.InvariantCulture),
                '%' => "%",
                _ => throw new TemplateRuntimeException($"strftime_now: the directive '%{code}' is not supported (supported: %d %m %Y %y %b %B %a %A %H %I %p %M %S %j %%)"),
            });
        }
        return sb.ToString();
    }
}
