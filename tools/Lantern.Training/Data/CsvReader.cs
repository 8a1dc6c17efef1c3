using System.Globalization;
using System.Text;

namespace Lantern.Training.Data;

/// <summary>
/// Reads a <c>text,label</c> CSV (RFC 4180: quoted fields may hold commas, doubled quotes and newlines), the
/// format of data/*/train.csv. A malformed row stops the read with its line number rather than training on garbage.
/// </summary>
internal static class CsvReader
{
    public static List<LabelledText> Read(string path)
    {
        var content = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<LabelledText>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var header = true;
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '"' && field.Length == 0)
            {
                i = ReadQuoted(content, i + 1, field, ref line, path);
                continue;
            }
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n'))
            {
                i += c == '\r' ? 1 : 0;
                fields.Add(field.ToString());
                field.Clear();
                AddRow(rows, fields, ref header, rowLine, path);
                line++;
                rowLine = line;
            }
            else
            {
                field.Append(c);
            }
            i++;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            AddRow(rows, fields, ref header, rowLine, path);
        }
        return rows;
    }

    private static int ReadQuoted(string content, int i, StringBuilder field, ref int line, string path)
    {
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '"')
            {
                if (i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            line += c == '\n' ? 1 : 0;
            field.Append(c);
            i++;
        }
        throw new InvalidDataException($"{path}:{line}: a quoted field is not closed.");
    }

    private static void AddRow(List<LabelledText> rows, List<string> fields, ref bool header, int line, string path)
    {
        if (header)
        {
            if (fields.Count != 2 || fields[0] != "text" || fields[1] != "label")
            {
                throw new InvalidDataException($"{path}:{line}: expected the header 'text,label'.");
            }
            header = false;
        }
        else if (fields.Count == 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var label) && label is 0 or 1)
        {
            rows.Add(new LabelledText(fields[0], label));
        }
        else
        {
            throw new InvalidDataException($"{path}:{line}: expected two fields, text and a 0/1 label.");
        }
        fields.Clear();
    }
}
