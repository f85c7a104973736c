@echo off
rem Starts RAG Workbench on a JDK 25 or newer: %RAG_WORKBENCH_JAVA%, else %JAVA_HOME%, else java on the PATH.
rem A jar manifest cannot carry --add-modules, which Lucene's vector code needs, hence this script.
setlocal
set "JAVA_BIN=java"
if defined JAVA_HOME set "JAVA_BIN=%JAVA_HOME%\bin\java"
if defined RAG_WORKBENCH_JAVA set "JAVA_BIN=%RAG_WORKBENCH_JAVA%"
"%JAVA_BIN%" @app.jvm.flags@ %RAG_WORKBENCH_JVM_OPTS% -jar "%~dp0rag-workbench.jar" %*
exit /b %ERRORLEVEL%
