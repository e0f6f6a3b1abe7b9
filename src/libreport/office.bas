REM libreport's LibreOffice side: one process lays out document after document on request.
REM
REM Serve(folder, parent) waits for a file named "job" in the folder (a URL), does what it asks and answers
REM in a file named "answer"; it ends LibreOffice when a job says "stop" or when the process `parent` (a
REM process id; empty where /proc is not there to look it up) is gone, so that no LibreOffice outlives the
REM libreport that started it. A job, one item a line:
REM     layout
REM     the document's URL
REM     the PDF's URL, or empty for the layout alone
REM     1 to keep the document's own spacing between Chinese and Latin text, 0 to set none
REM The answer is "pages N" and a line "ref BOOKMARK TEXT" for every page reference (what the field prints
REM once the document is laid out), or "error TEXT".

Sub Serve(folder As String, parent As String)
    Dim sfa As Object, job As Variant, answer As String
    sfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    Do
        If sfa.exists(folder & "/job") Then
            job = ReadLines(sfa, folder & "/job")
            sfa.kill(folder & "/job")
            If job(0) = "stop" Then Exit Do
            answer = Layout(job(1), job(2), job(3))
            WriteText(sfa, folder & "/answer.tmp", answer)
            sfa.move(folder & "/answer.tmp", folder & "/answer")
        ElseIf parent <> "" Then
            If Not sfa.exists("file:///proc/" & parent) Then Exit Do
        End If
        Wait 20
    Loop
    StarDesktop.terminate()
End Sub

Function Layout(source As String, pdf As String, autospace As String) As String
    Dim doc As Object, out As String, fields As Object, f As Object
    On Error GoTo Failed
    Dim load(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = "Hidden" : load(0).Value = True
    doc = StarDesktop.loadComponentFromURL(source, "_blank", 0, load())
    If IsNull(doc) Then
        Layout = "error LibreOffice could not open the document"
        Exit Function
    End If
    If autospace = "0" Then NoAutospace(doc)
    If pdf <> "" Then
        Dim export(0) As New com.sun.star.beans.PropertyValue
        export(0).Name = "FilterName" : export(0).Value = "writer_pdf_Export"
        doc.storeToURL(pdf, export())
    Else
        Dim render() As New com.sun.star.beans.PropertyValue
        doc.getRendererCount(doc, render())
        doc.getTextFields().refresh()
        doc.getRendererCount(doc, render())
    End If
    out = "pages " & doc.getCurrentController().PageCount & Chr(10)
    fields = doc.getTextFields().createEnumeration()
    Do While fields.hasMoreElements()
        f = fields.nextElement()
        If f.supportsService("com.sun.star.text.TextField.GetReference") Then
            out = out & "ref " & f.SourceName & " " & f.getPresentation(False) & Chr(10)
        End If
    Loop
    doc.close(True)
    Layout = out
    Exit Function
Failed:
    Layout = "error " & Error$ & " (" & Err & ")"
    On Error Resume Next
    If Not IsNull(doc) Then doc.close(True)
End Function

REM What Word's w:autoSpaceDE/DN off mean, which LibreOffice does not read from a .docx: no space of its own
REM between Chinese and digits or Latin text, in the defaults and in every paragraph style.
Sub NoAutospace(doc As Object)
    Dim styles As Object, i As Integer
    doc.createInstance("com.sun.star.text.Defaults").ParaIsCharacterDistance = False
    styles = doc.getStyleFamilies().getByName("ParagraphStyles")
    For i = 0 To styles.getCount() - 1
        styles.getByIndex(i).ParaIsCharacterDistance = False
    Next
End Sub

Function ReadLines(sfa As Object, url As String) As Variant
    Dim stream As Object, lines(7) As String, n As Integer
    stream = createUnoService("com.sun.star.io.TextInputStream")
    stream.setInputStream(sfa.openFileRead(url))
    stream.setEncoding("UTF-8")
    Do While Not stream.isEOF() And n <= 7
        lines(n) = Replace(Replace(stream.readLine(), Chr(13), ""), Chr(10), "")  ' the last line keeps its end
        n = n + 1
    Loop
    stream.closeInput()
    ReadLines = lines
End Function

Sub WriteText(sfa As Object, url As String, text As String)
    Dim stream As Object
    If sfa.exists(url) Then sfa.kill(url)
    stream = createUnoService("com.sun.star.io.TextOutputStream")
    stream.setOutputStream(sfa.openFileWrite(url))
    stream.setEncoding("UTF-8")
    stream.writeString(text)
    stream.closeOutput()
End Sub
