"""The curated skill layer of the taxonomy (read by ``scripts/build_taxonomy.py``).

ESCO is broad but dated and verbose ("use scripting programming"); CVs and job ads name current
tools ("PyTorch", "k8s", "dbt"). This file is the hand-kept layer that covers them, and the
business and soft skills most CVs state in a few words.

One line per skill::

    id: Name | alias, alias, ... | broader id, broader id

- ``id``: stable, lower-case, ASCII; referenced by ``broader`` fields and by stored matches.
- a leading ``~`` on a name or alias marks it ambiguous (an ordinary word or a short abbreviation:
  "~Go", "~R"); the extractor accepts it only in a technical context. The build also marks
  every one- or two-letter form, and one-word forms of technical skills that are common English
  words, so ``~`` is needed only for what those rules miss.
- a long line continues on the next line(s) indented by spaces.
- ``broader`` links make the hierarchy (PyTorch -> deep learning -> machine learning); a skill may
  have several parents. The build checks that every parent exists and that there is no cycle.

Keys of ``CURATED`` are the categories (dotted, broad to narrow).
"""

from __future__ import annotations

CURATED: dict[str, str] = {
    # ------------------------------------------------------------------------------------------
    "software.core": """
software-engineering: software engineering | software development, software engineer, coding,
    programming, application development, software design |
programming-languages: programming languages | programming language | software-engineering
oop: object-oriented programming | OOP, OOPS, object oriented design, OOAD | software-engineering
functional-programming: functional programming | FP | software-engineering
data-structures: data structures and algorithms | data structures, algorithms,
    DSA | software-engineering
design-patterns: design patterns | software design patterns, ~SOLID | software-engineering
software-architecture: software architecture | system design, solution architecture,
    architecture design | software-engineering
microservices: microservices | microservice architecture, micro-services | software-architecture
event-driven: event-driven architecture | event driven architecture, event sourcing,
    CQRS | software-architecture
api-design: API design | REST API, RESTful API, RESTful services, ~REST, web services,
    API development, APIs | software-engineering, web-development
graphql: GraphQL | | api-design
grpc: gRPC | protocol buffers, protobuf | api-design
soap: SOAP | WSDL | api-design
testing: software testing | testing, QA, quality assurance, test cases,
    test planning | software-engineering
unit-testing: unit testing | unit tests | testing
test-automation: test automation | automation testing, automated testing, automated tests | testing
tdd: test-driven development | TDD, BDD, behaviour-driven development | testing
manual-testing: manual testing | functional testing, regression testing, black box testing | testing
performance-testing: performance testing | load testing, stress testing | testing
selenium: Selenium | Selenium WebDriver, WebDriver | test-automation
cypress: ~Cypress | | test-automation
playwright: ~Playwright | | test-automation
junit: JUnit | TestNG | unit-testing
pytest: pytest | | unit-testing, python
jest: Jest | ~Mocha, ~Jasmine | unit-testing, javascript
cucumber: ~Cucumber | Gherkin | tdd
jmeter: JMeter | Apache JMeter, LoadRunner | performance-testing
postman: ~Postman | | api-design, testing
version-control: version control | source control, VCS | software-engineering
git: Git | GitHub, GitLab, Bitbucket | version-control
svn: Subversion | SVN | version-control
code-review: code review | code reviews | software-engineering
debugging: debugging | troubleshooting code | software-engineering
agile: Agile | agile methodology, agile methodologies, agile development,
    agile software development | project-management
scrum: Scrum | scrum master, sprint planning | agile
kanban: Kanban | | agile
waterfall: waterfall | waterfall model, SDLC, software development life cycle | project-management
jira: Jira | JIRA, Confluence | agile
linux: Linux | GNU/Linux, Ubuntu, Debian, Red Hat, RHEL, CentOS | operating-systems
operating-systems: operating systems | OS | software-engineering
windows: Microsoft Windows | ~Windows, Windows Server | operating-systems
macos: macOS | Mac OS, OS X | operating-systems
unix: Unix | Solaris, AIX | operating-systems
shell-scripting: shell scripting | ~Bash, shell script, shell scripts, Unix shell, zsh,
    PowerShell | scripting, linux
scripting: scripting | scripting languages | programming-languages
regex: regular expressions | regex, regexp | software-engineering
concurrency: concurrent programming | multithreading, multi-threading, parallel programming,
    concurrency | software-engineering
compilers: compilers | compiler design, LLVM | software-engineering
embedded-software: embedded software | embedded systems, embedded programming, firmware, embedded C,
    RTOS, FreeRTOS | software-engineering, hardware-engineering
""",
    "software.languages": """
python: Python | python3, Python 3, CPython | programming-languages, scripting
java: Java | Core Java, Java SE, Java EE, J2EE, JDK | programming-languages
javascript: JavaScript | JS, ECMAScript, ES6, vanilla JS | programming-languages, web-development
typescript: TypeScript | TS | programming-languages, javascript
c-lang: ~C | C language, C programming, ANSI C | programming-languages
cpp: C++ | CPP, cplusplus, C++11, C++17, C++20 | programming-languages
csharp: C# | C sharp, CSharp | programming-languages, dotnet
go: ~Go | Golang, Go language | programming-languages
rust: ~Rust | Rust language, rustlang | programming-languages
kotlin: Kotlin | | programming-languages
swift: ~Swift | Swift language, SwiftUI | programming-languages, ios
objective-c: Objective-C | ObjC | programming-languages, ios
scala: Scala | | programming-languages, functional-programming
r-lang: ~R | R language, R programming, RStudio, tidyverse, ggplot2, dplyr | programming-languages,
    statistics
matlab: MATLAB | Simulink, ~Octave | programming-languages
julia: ~Julia | Julia language | programming-languages
php: PHP | | programming-languages, web-development
ruby: ~Ruby | | programming-languages
perl: Perl | | programming-languages, scripting
haskell: Haskell | | programming-languages, functional-programming
elixir: Elixir | Erlang, OTP | programming-languages, functional-programming
clojure: Clojure | | programming-languages, functional-programming
fsharp: F# | F sharp | programming-languages, functional-programming
dart: ~Dart | | programming-languages
lua: Lua | | programming-languages, scripting
fortran: Fortran | | programming-languages
cobol: COBOL | | programming-languages
vba: VBA | Visual Basic for Applications, Excel macros, macros | programming-languages, excel
visual-basic: Visual Basic | VB.NET, VB6 | programming-languages
assembly: assembly language | assembler, x86 assembly, ARM assembly | programming-languages
solidity: Solidity | | programming-languages, smart-contracts
sql: SQL | structured query language, T-SQL, TSQL, PL/SQL, PLSQL,
    SQL queries | programming-languages, databases
html: HTML | HTML5 | web-development
css: CSS | CSS3, SCSS, Sass, LESS | web-development
abap: ABAP | | programming-languages, sap
groovy: ~Groovy | | programming-languages
prolog: Prolog | | programming-languages
""",
    "software.web": """
web-development: web development | web developer, web applications, web app,
    web technologies, web design, web designing, web designer, website development |
    software-engineering
frontend: front-end development | frontend, front end, frontend development, front-end developer,
    UI development | web-development
backend: back-end development | backend, back end, backend development,
    server-side development | web-development
full-stack: full-stack development | full stack, fullstack, full-stack developer | web-development
react: ~React | React.js, ReactJS, Redux, Next.js, NextJS | frontend, javascript
angular: ~Angular | AngularJS, Angular.js | frontend, javascript
vue: Vue.js | Vue, VueJS, Nuxt | frontend, javascript
svelte: Svelte | SvelteKit | frontend, javascript
jquery: jQuery | AJAX | frontend, javascript
bootstrap: ~Bootstrap | ~Tailwind, Tailwind CSS | frontend, css
nodejs: Node.js | ~Node, NodeJS, Express.js, ExpressJS, NestJS | backend, javascript
django: Django | Django REST framework, DRF | backend, python
flask: ~Flask | | backend, python
fastapi: FastAPI | | backend, python
spring: ~Spring | Spring Boot, Spring MVC, Spring Framework, ~Hibernate, JPA | backend, java
dotnet: .NET | dotnet, Dot Net, ASP.NET, .NET Core, ASP.NET Core, Entity Framework | backend
rails: Ruby on Rails | ~Rails, RoR | backend, ruby
laravel: Laravel | Symfony, CodeIgniter | backend, php
wordpress: WordPress | Drupal, Joomla, CMS | web-development
web-accessibility: web accessibility | accessibility, WCAG, a11y | frontend
webassembly: WebAssembly | Wasm | web-development
""",
    "software.mobile": """
mobile-development: mobile development | mobile apps, mobile applications,
    mobile app development | software-engineering
android: Android | Android development, Android SDK, Android Studio,
    Jetpack Compose | mobile-development
ios: iOS | iOS development, Xcode, UIKit, ~Cocoa | mobile-development
flutter: Flutter | | mobile-development, dart
react-native: React Native | | mobile-development, react
xamarin: Xamarin | .NET MAUI | mobile-development, dotnet
""",
    "software.data": """
databases: databases | database, DBMS, RDBMS, relational databases, database design,
    database management, database administration, DBA | software-engineering
postgresql: PostgreSQL | Postgres, PL/pgSQL | databases, sql
mysql: MySQL | MariaDB | databases, sql
oracle-db: Oracle Database | Oracle DB, Oracle 11g, Oracle 12c, Oracle SQL | databases, sql
sql-server: Microsoft SQL Server | SQL Server, MS SQL Server, MSSQL, MS SQL, SSIS, SSRS,
    SSAS | databases, sql
sqlite: SQLite | | databases, sql
nosql: NoSQL | NoSQL databases, No-SQL, non-relational databases | databases
mongodb: MongoDB | Mongo | nosql
cassandra: Apache Cassandra | ~Cassandra | nosql
redis: Redis | Memcached | nosql
elasticsearch: Elasticsearch | ~Elastic, ELK, ELK stack, OpenSearch, Kibana, Logstash, Solr,
    Lucene | nosql
dynamodb: DynamoDB | | nosql, aws
neo4j: Neo4j | graph databases, Cypher | nosql
""",
    "data.engineering": """
data-engineering: data engineering | data engineer, data pipelines, data pipeline,
    data infrastructure | data-science
etl: ETL | ELT, extract transform load, data integration, Informatica, Talend | data-engineering
data-warehousing: data warehousing | data warehouse, DWH, dimensional modelling, star schema,
    data modelling, data modeling | data-engineering, databases
big-data: big data | big data technologies | data-engineering
hadoop: Hadoop | HDFS, MapReduce, Apache Hadoop, ~Hive, ~Pig, HBase, Sqoop, Cloudera,
    Hortonworks | big-data
spark: Apache Spark | ~Spark, PySpark, Spark SQL, Spark Streaming | big-data
kafka: Apache Kafka | Kafka, Kafka Streams | big-data, event-driven
flink: Apache Flink | Flink | big-data
airflow: Apache Airflow | ~Airflow | data-engineering
dbt: dbt | data build tool | data-engineering, sql
snowflake: ~Snowflake | | data-warehousing, cloud-computing
bigquery: BigQuery | Google BigQuery | data-warehousing, gcp
redshift: Amazon Redshift | Redshift | data-warehousing, aws
databricks: Databricks | Delta Lake | big-data, spark
""",
    "data.analytics": """
data-science: data science | data scientist |
data-analysis: data analysis | data analytics, data analyst, analytics, analysing data,
    analyzing data, data interpretation | data-science
statistics: statistics | statistical analysis, statistical modelling, statistical modeling,
    biostatistics, inferential statistics, descriptive statistics | data-science
hypothesis-testing: hypothesis testing | A/B testing, AB testing, experimentation, t-test, ANOVA,
    chi-square | statistics
regression: regression analysis | linear regression, logistic regression | statistics,
    machine-learning
time-series: time series analysis | time series, forecasting, ARIMA | statistics
bayesian: Bayesian statistics | Bayesian inference, Bayesian methods | statistics
data-visualization: data visualization | data visualisation, dashboards, dashboarding,
    visualization | data-analysis
tableau: Tableau | | data-visualization, business-intelligence
power-bi: Power BI | PowerBI, Power Query, DAX | data-visualization, business-intelligence
looker: ~Looker | Looker Studio, Google Data Studio | data-visualization, business-intelligence
qlik: Qlik | QlikView, Qlik Sense | data-visualization, business-intelligence
matplotlib: Matplotlib | Seaborn, Plotly | data-visualization, python
business-intelligence: business intelligence | BI, BI reporting | data-analysis
pandas: pandas | | data-analysis, python
numpy: NumPy | SciPy | python, scientific-computing
scientific-computing: scientific computing | numerical methods, numerical analysis,
    computational science | software-engineering
jupyter: Jupyter | Jupyter Notebook, JupyterLab, IPython | python, data-science
excel: Microsoft Excel | ~Excel, MS Excel, spreadsheets, pivot tables, VLOOKUP,
    advanced Excel | office-software, data-analysis
sas: SAS | SAS programming, SAS Enterprise Guide | statistics
spss: SPSS | IBM SPSS, Stata, EViews | statistics
data-mining: data mining | | data-science
web-scraping: web scraping | web crawling, BeautifulSoup, Scrapy | data-engineering, python
""",
    "data.ai": """
artificial-intelligence: artificial intelligence | ~AI | data-science
machine-learning: machine learning | ~ML, machine-learning, statistical learning,
    predictive modelling, predictive modeling, supervised learning,
    unsupervised learning | artificial-intelligence
deep-learning: deep learning | deep neural networks, DNN, neural networks, neural network,
    ~ANN | machine-learning
nlp: natural language processing | NLP, text mining, text analytics, computational linguistics,
    sentiment analysis, named entity recognition, NER | artificial-intelligence, machine-learning
computer-vision: computer vision | image processing, image recognition, object detection,
    image segmentation, OpenCV | artificial-intelligence, deep-learning
reinforcement-learning: reinforcement learning | RL, deep reinforcement learning | machine-learning
generative-ai: generative AI | GenAI, gen AI, generative models, diffusion models | deep-learning
llm: large language models | LLM, LLMs, GPT, ChatGPT, prompt engineering,
    retrieval-augmented generation, fine-tuning LLMs, LangChain, LlamaIndex | generative-ai, nlp
transformers: transformers | transformer models, BERT, attention mechanism, Hugging Face,
    HuggingFace | deep-learning, nlp
cnn: convolutional neural networks | CNN, CNNs, ConvNets | deep-learning, computer-vision
rnn: recurrent neural networks | RNN, LSTM, GRU | deep-learning
pytorch: PyTorch | ~torch, PyTorch Lightning | deep-learning, python
tensorflow: TensorFlow | TF2, TensorFlow 2, TFLite | deep-learning, python
keras: Keras | | deep-learning, python
jax: JAX | Flax | deep-learning, python
scikit-learn: scikit-learn | sklearn, scikit learn, SciKit | machine-learning, python
xgboost: XGBoost | LightGBM, CatBoost, gradient boosting, GBM | machine-learning
random-forest: random forests | random forest, decision trees, decision tree,
    ensemble methods | machine-learning
svm: support vector machines | SVM, SVMs | machine-learning
naive-bayes: naive Bayes | Naïve Bayes, Naive Bayes classifier | machine-learning
clustering: clustering | k-means, K means, hierarchical clustering, DBSCAN | machine-learning
recommender-systems: recommender systems | recommendation systems, recommendation engines,
    collaborative filtering | machine-learning
feature-engineering: feature engineering | feature selection, feature extraction | machine-learning
mlops: MLOps | ML ops, MLflow, Kubeflow, model deployment, model serving,
    Weights & Biases | machine-learning, devops
speech-recognition: speech recognition | ASR, speech processing, text-to-speech,
    TTS | artificial-intelligence, deep-learning
nltk: NLTK | spaCy, Gensim, word2vec | nlp, python
cuda: CUDA | GPU programming, cuDNN, OpenCL | scientific-computing, deep-learning
""",
    "cloud.devops": """
cloud-computing: cloud computing | cloud, cloud platforms, cloud services, cloud infrastructure,
    cloud architecture | software-engineering
aws: Amazon Web Services | AWS, EC2, S3, AWS Lambda, ~Lambda, CloudFormation, ECS, EKS, RDS,
    SageMaker | cloud-computing
azure: Microsoft Azure | Azure, Azure DevOps, Azure Functions, AKS,
    Azure Data Factory | cloud-computing
gcp: Google Cloud Platform | GCP, Google Cloud, Cloud Run, GKE, App Engine | cloud-computing
serverless: serverless computing | serverless, FaaS | cloud-computing
devops: DevOps | DevOps engineering, site reliability engineering, SRE,
    platform engineering | software-engineering
ci-cd: continuous integration and delivery | CI/CD, CI, CD, continuous integration,
    continuous delivery, continuous deployment, build pipelines | devops
jenkins: Jenkins | Hudson | ci-cd
github-actions: GitHub Actions | GitLab CI, CircleCI, Travis CI, TeamCity, ~Bamboo | ci-cd
containers: containerization | containers, containerisation | devops
docker: Docker | Dockerfile, Docker Compose, Podman | containers
kubernetes: Kubernetes | k8s, K8S, ~Helm, OpenShift, kubectl | containers
terraform: Terraform | infrastructure as code, IaC, Pulumi, OpenTofu | devops, cloud-computing
ansible: Ansible | | configuration-management
configuration-management: configuration management | ~Puppet, ~Chef, SaltStack | devops
monitoring: monitoring and observability | system monitoring, application monitoring,
    infrastructure monitoring, observability, ~Prometheus, Grafana, Datadog,
    New Relic, Splunk, Nagios, Zabbix | devops
maven: ~Maven | Apache Maven, Gradle, ~Ant | ci-cd, java
nginx: Nginx | Apache HTTP Server, Apache web server, Tomcat, IIS, web servers | devops
networking: computer networking | ~networking, network administration, TCP/IP, DNS, DHCP,
    routing and switching, LAN, WAN, VPN, CCNA, CCNP, Cisco | it-infrastructure
it-infrastructure: IT infrastructure | IT support, system administration, sysadmin,
    systems administration, server administration, helpdesk, help desk, desktop support,
    technical support | software-engineering
virtualization: virtualization | virtualisation, VMware, vSphere, Hyper-V, VirtualBox,
    KVM | it-infrastructure
active-directory: Active Directory | LDAP, Group Policy | it-infrastructure, windows
""",
    "security": """
cybersecurity: cybersecurity | cyber security, information security, infosec, IT security,
    security engineering | software-engineering
network-security: network security | firewalls, firewall, IDS, IPS,
    intrusion detection | cybersecurity, networking
penetration-testing: penetration testing | pentesting, pen testing, ethical hacking,
    vulnerability assessment, Burp Suite, Metasploit, Kali Linux | cybersecurity
application-security: application security | AppSec, OWASP, secure coding, DevSecOps | cybersecurity
cryptography: cryptography | encryption, PKI, TLS, SSL | cybersecurity
iam: identity and access management | IAM, OAuth, OAuth2, OpenID Connect, SSO, single sign-on,
    SAML | cybersecurity
siem: SIEM | security operations, security operations centre, incident response,
    threat intelligence | cybersecurity
security-compliance: security compliance | ISO 27001, SOC 2, NIST, PCI DSS, PCI-DSS | cybersecurity,
    compliance
""",
    "hardware": """
hardware-engineering: hardware engineering | hardware design, hardware engineer,
    electronics engineering, electronic engineering, electronics |
digital-design: digital design | digital logic design, digital electronics, RTL design, RTL,
    logic design | hardware-engineering
hdl: hardware description languages | HDL, HDLs | digital-design
verilog: Verilog | | hdl
systemverilog: SystemVerilog | System Verilog, SV | verilog, design-verification
vhdl: VHDL | | hdl
fpga: FPGA | FPGAs, field-programmable gate arrays, Xilinx, Vivado, Altera, Quartus,
    Intel FPGA | digital-design
asic: ASIC | ASICs, ASIC design, SoC design, SoC, system on chip | digital-design, microelectronics
microelectronics: microelectronics | semiconductors, semiconductor, semiconductor devices, VLSI,
    VLSI design, IC design, integrated circuits, chip design | hardware-engineering
analog-design: analog circuit design | analog design, analogue design, analog circuits,
    mixed-signal design, mixed signal | microelectronics
spice: SPICE | SPICE simulation, HSPICE, LTspice, PSpice, Spectre | analog-design
cadence: Cadence | Cadence Virtuoso, Virtuoso, Synopsys, Design Compiler,
    EDA tools | microelectronics
design-verification: design verification | functional verification, verification engineering,
    testbench, testbenches | digital-design
uvm: UVM | Universal Verification Methodology, OVM | design-verification, systemverilog
formal-verification: formal verification | formal methods, model checking,
    property checking | design-verification
physical-design: physical design | place and route, floorplanning, layout design,
    static timing analysis, STA, timing closure, DRC, LVS | microelectronics
pcb-design: PCB design | PCB, printed circuit boards, Altium, Altium Designer, KiCad, ~Eagle, OrCAD,
    schematic capture | hardware-engineering
microcontrollers: microcontrollers | microcontroller, MCU, Arduino, STM32, AVR, ~PIC, ARM Cortex-M,
    Raspberry Pi | embedded-software
signal-processing: signal processing | DSP, digital signal processing, filters design,
    FFT | hardware-engineering, scientific-computing
rf-engineering: RF engineering | RF, radio frequency, RF design, microwave engineering,
    antenna design, wireless communication, 5G, LTE | hardware-engineering
power-electronics: power electronics | power systems, power supplies, motor control,
    inverters | hardware-engineering
control-systems: control systems | control theory, control engineering, PID control, PLC, PLCs,
    SCADA, automation engineering, industrial automation | hardware-engineering
robotics: robotics | ROS, Robot Operating System, mechatronics,
    robot programming | hardware-engineering, artificial-intelligence
iot: Internet of Things | IoT, IIoT, MQTT, edge computing | embedded-software, cloud-computing
semiconductor-fab: semiconductor manufacturing | wafer fabrication, photolithography, lithography,
    cleanroom, clean room, etching, CMOS process | microelectronics, manufacturing
test-equipment: electronic test equipment | oscilloscope, oscilloscopes, logic analyzer,
    spectrum analyzer, multimeter, soldering | hardware-engineering
cad: computer-aided design | CAD, AutoCAD, SolidWorks, CATIA, Creo, Fusion 360, ~Inventor,
    3D modelling, 3D modeling | mechanical-engineering
mechanical-engineering: mechanical engineering | mechanical design, mechanical engineer,
    machine design, GD&T, thermodynamics, fluid mechanics |
fea: finite element analysis | FEA, FEM, ANSYS, Abaqus, COMSOL, CFD,
    computational fluid dynamics | mechanical-engineering, scientific-computing
civil-engineering: civil engineering | civil engineer, structural engineering, structural analysis,
    construction engineering, STAAD Pro, ETABS, surveying, estimation and costing |
manufacturing: manufacturing | production engineering, manufacturing engineering,
    lean manufacturing, six sigma, Lean Six Sigma, 5S, Kaizen, TPM, production planning |
quality-control: quality control | QC, quality management, ISO 9001, root cause analysis, RCA, CAPA,
    SPC, statistical process control, FMEA | manufacturing
""",
    "life_health": """
life-sciences: life sciences | biology, biotechnology, biotech, bioscience, biosciences |
molecular-biology: molecular biology | molecular techniques, DNA extraction, RNA extraction,
    molecular cloning, gene cloning, gene expression | life-sciences
crispr: CRISPR | CRISPR-Cas9, Cas9, gene editing, genome editing | molecular-biology,
    genetic-engineering
genetic-engineering: genetic engineering | genetic modification, recombinant DNA | molecular-biology
pcr: PCR | polymerase chain reaction, qPCR, RT-PCR, RT-qPCR, real-time PCR | molecular-biology
sequencing: DNA sequencing | NGS, next-generation sequencing, Illumina, Sanger sequencing, RNA-seq,
    whole genome sequencing | molecular-biology, genomics
genomics: genomics | genetics, proteomics, transcriptomics, omics | life-sciences
bioinformatics: bioinformatics | computational biology, Bioconductor, BLAST,
    sequence analysis | genomics, data-science
cell-culture: cell culture | tissue culture, mammalian cell culture, aseptic technique,
    flow cytometry, FACS | life-sciences
immunoassays: immunoassays | ELISA, Western blot, western blotting, immunohistochemistry, IHC,
    SDS-PAGE, electrophoresis, gel electrophoresis | laboratory-techniques
laboratory-techniques: laboratory techniques | lab techniques, wet lab, laboratory skills, lab work,
    laboratory experience | life-sciences
chromatography: chromatography | HPLC, GC-MS, LC-MS, mass spectrometry, gas chromatography,
    liquid chromatography, spectroscopy, UV-Vis, FTIR, NMR | laboratory-techniques, chemistry
chemistry: chemistry | analytical chemistry, organic chemistry, inorganic chemistry, biochemistry,
    chemical analysis, titration |
microbiology: microbiology | bacteriology, virology, microbial culture | life-sciences
pharmacology: pharmacology | pharmacokinetics, pharmacodynamics, PK/PD, toxicology, drug discovery,
    drug development | life-sciences
pharmaceutical: pharmaceutical industry | pharma, pharmaceuticals, pharmacy, pharmacist,
    drug formulation, formulation development | pharmacology
gmp: Good Manufacturing Practice | GMP, cGMP, GLP, good laboratory practice, GxP,
    GDP | regulatory-affairs, quality-control
clinical-trials: clinical trials | clinical research, clinical trial, clinical studies,
    good clinical practice, CRA, clinical research associate, clinical data management,
    CDISC | life-sciences, regulatory-affairs
regulatory-affairs: regulatory affairs | regulatory compliance, regulatory submissions, FDA, EMA,
    ICH guidelines, pharmacovigilance, medical device regulation, MDR, ISO 13485 | compliance
medical-devices: medical devices | medical device, medical technology, medtech,
    biomedical engineering, biomedical devices | life-sciences, hardware-engineering
healthcare: healthcare | health care, patient care, clinical care, hospital |
nursing: nursing | nurse, registered nurse, patient assessment, wound care,
    medication administration | healthcare
medicine: medicine | clinical medicine, physician, MBBS, clinical practice,
    medical practice | healthcare
epidemiology: epidemiology | public health, biostatistics in public health | healthcare, statistics
health-informatics: health informatics | electronic health records, EHR, EMR, HL7, FHIR, ~Epic,
    Cerner, medical coding, ICD-10 | healthcare, data-analysis
nutrition: nutrition | dietetics, diet planning, nutritional counselling, nutritionist,
    dietician | healthcare
fitness: fitness training | personal training, personal trainer, fitness, strength and conditioning,
    exercise prescription, gym, yoga, aerobics | healthcare
physiotherapy: physiotherapy | physical therapy, rehabilitation, sports injury,
    sports medicine | healthcare
first-aid: first aid | CPR, BLS, ACLS, basic life support | healthcare
psychology: psychology | counselling, counseling, mental health, CBT, cognitive behavioural therapy,
    therapy | healthcare
""",
    "fintech": """
finance: finance | financial services, corporate finance, financial management |
fintech: fintech | financial technology, payment systems, payment gateways, digital payments,
    open banking | finance, software-engineering
blockchain: blockchain | distributed ledger, DLT, Web3, cryptocurrency, crypto, Bitcoin, DeFi,
    NFT | fintech
smart-contracts: smart contracts | smart contract, Ethereum, EVM, Hardhat, Truffle | blockchain
kyc: KYC | know your customer, customer due diligence, CDD, EDD, enhanced due diligence,
    client onboarding | compliance
aml: anti-money laundering | AML, AML/CFT, CFT, transaction monitoring, sanctions screening,
    financial crime | compliance
compliance: compliance | compliance management, GDPR, data protection, internal controls, SOX,
    Sarbanes-Oxley |
risk-management: risk management | risk assessment, risk analysis, enterprise risk management, ERM,
    operational risk, risk mitigation | finance
risk-modelling: risk modelling | risk modeling, credit risk, market risk, credit scoring, VaR,
    value at risk, Basel III, stress testing models, IFRS 9 | risk-management, quantitative-finance
quantitative-finance: quantitative finance | quant, quantitative analysis, derivatives pricing,
    options pricing, stochastic calculus, algorithmic trading, financial engineering | finance,
    statistics
financial-modelling: financial modelling | financial modeling, DCF, discounted cash flow, valuation,
    financial forecasting, LBO | finance, financial-analysis
financial-analysis: financial analysis | financial analyst, financial reporting,
    financial statements, ratio analysis, variance analysis, MIS reporting | finance
accounting: accounting | accountancy, bookkeeping, book keeping, general ledger, accounts payable,
    accounts receivable, reconciliation, bank reconciliation, journal entries, ~Tally, Tally ERP,
    QuickBooks, Xero | finance
auditing: auditing | audit, internal audit, statutory audit, external audit, audits | accounting,
    compliance
taxation: taxation | tax, GST, VAT, income tax, TDS, tax returns, tax compliance,
    tax planning | accounting
ifrs: IFRS | GAAP, US GAAP, Ind AS, accounting standards | accounting
budgeting: budgeting | budget management, budget planning, forecasting budgets, cost control,
    cost management, cost accounting | finance
investment-banking: investment banking | M&A, mergers and acquisitions, capital markets,
    equity research, due diligence | finance
banking: banking | retail banking, commercial banking, loans, credit analysis, lending,
    treasury | finance
insurance: insurance | underwriting, claims processing, actuarial science, actuarial | finance,
    risk-management
trading: trading | equity trading, stock market, forex, FX, portfolio management, asset management,
    wealth management | finance
""",
    "business": """
project-management: project management | project manager, project planning, project delivery,
    project coordination, project execution, PMP, PRINCE2, PMO, project scheduling, MS Project,
    Microsoft Project |
program-management: programme management | program management, PgMP | project-management
product-management: product management | product manager, product owner, product roadmap,
    roadmapping, product strategy, product discovery | business-strategy
business-analysis: business analysis | business analyst, requirements gathering,
    requirements analysis, requirement gathering, BRD, FRD, user stories, use cases, gap analysis,
    process mapping, BPMN | business-strategy
business-strategy: business strategy | strategic planning, strategy, corporate strategy,
    business planning, business development plans |
stakeholder-management: stakeholder management | stakeholder engagement, stakeholder communication,
    managing stakeholders, client relationship management, relationship management | communication
change-management: change management | organisational change, organizational change,
    business transformation | business-strategy
process-improvement: process improvement | business process improvement, process optimization,
    process optimisation, continuous improvement, operational excellence,
    BPR | operations-management
operations-management: operations management | business operations, operational management,
    operations manager |
supply-chain: supply chain management | supply chain, SCM, logistics, procurement, purchasing,
    sourcing, vendor management, inventory management, warehouse management,
    demand planning | operations-management
erp: ERP | ERP systems, enterprise resource planning, Oracle ERP, Microsoft Dynamics,
    Dynamics 365 | operations-management, software-engineering
sap: SAP | SAP ERP, SAP S/4HANA, S/4HANA, SAP MM, SAP SD, SAP FICO, SAP FI/CO, SAP HANA, SAP BW,
    SAP PP, SAP ABAP | erp
crm: CRM | CRM systems, customer relationship management, Salesforce, HubSpot, Zoho CRM | sales,
    marketing
sales: sales | selling, sales management, B2B sales, B2C sales, direct sales, inside sales,
    field sales, sales targets, lead generation, prospecting, cold calling, closing deals,
    account management, key account management |
business-development: business development | BD, new business development, partnerships,
    channel sales, market expansion | sales, business-strategy
negotiation: negotiation | negotiating, negotiation skills, contract negotiation | communication
customer-service: customer service | customer support, client servicing, customer care,
    customer satisfaction, call centre, call center, client service, customer handling,
    customer experience |
marketing: marketing | marketing strategy, brand management, branding, marketing campaigns,
    go-to-market, GTM, product marketing, marketing communications |
digital-marketing: digital marketing | online marketing, SEO, search engine optimization, SEM, PPC,
    Google Ads, Google Analytics, social media marketing, SMM, email marketing, content marketing,
    performance marketing, affiliate marketing | marketing
content-writing: content writing | copywriting, content creation, technical writing, blogging,
    proofreading | communication
public-relations: public relations | PR, media relations, corporate communications,
    press releases | marketing, communication
event-management: event management | event planning, conference organisation,
    event coordination | operations-management
retail: retail | retail management, merchandising, visual merchandising, store management,
    store operations, point of sale, POS | sales
ecommerce: e-commerce | ecommerce, online retail, Shopify, Magento, marketplace management | retail,
    digital-marketing
hospitality: hospitality | hotel management, front office, food and beverage, F&B, housekeeping,
    tourism, travel | customer-service
consulting: consulting | management consulting, consultancy, advisory | business-strategy
entrepreneurship: entrepreneurship | founder, co-founder,
    business ownership | business-strategy
market-research: market research | market analysis, competitor analysis, competitive analysis,
    consumer research, surveys | marketing, data-analysis
ux-design: UX design | UX, user experience, UX research, user research, usability testing,
    wireframing, prototyping, information architecture, interaction design | design
ui-design: UI design | UI, user interface design, visual design, Figma, ~Sketch, Adobe XD,
    InVision | design
design: creative design | design thinking, creative designer |
graphic-design: graphic design | graphic designer, Adobe Photoshop, Photoshop, Illustrator,
    Adobe Illustrator, InDesign, CorelDRAW, Canva, Adobe Creative Suite, typography,
    logo design | design
video-editing: video editing | video production, Adobe Premiere, Premiere Pro, Final Cut Pro,
    After Effects, motion graphics, animation, ~Blender, ~Maya | design
photography: photography | photo editing, Lightroom | design
arts: arts | fine arts, painting, sketching, sculpture, illustration, art direction, music,
    dance, theatre, acting, singing | design
office-software: office software | Microsoft Office, MS Office, MS-Office, Office 365,
    Microsoft 365, ~Word, MS Word, Microsoft Word, PowerPoint, MS PowerPoint, ~Outlook,
    Google Workspace, G Suite, Google Sheets, Google Docs, computer literacy, word processing,
    Power Point, typing |
administration: office administration | administrative support,
    administrative assistant, clerical, data entry, documentation, record keeping, filing,
    scheduling, calendar management, front desk, reception, receptionist | operations-management
""",
    "people": """
human-resources: human resources | HR, HRM, human resource management, personnel management,
    HR operations, HR generalist, HR policies, employee relations, HRIS, payroll,
    compensation and benefits, performance management |
recruitment: recruitment | recruiting, talent acquisition, hiring, sourcing candidates,
    interviewing, onboarding, headhunting, campus recruitment | human-resources
training-development: training and development | L&D, learning and development, corporate training,
    training delivery, employee training | human-resources, teaching
leadership: leadership | team leadership, team lead, people management, team management,
    managing teams, leading teams, staff management, supervision, supervisor, mentoring, coaching |
teamwork: teamwork | team player, team work, collaboration, collaborative,
    cross-functional collaboration, working in teams |
communication: communication | communication skills, verbal communication, written communication,
    interpersonal skills, interpersonal communication, presentation skills, public speaking,
    presentations, listening |
problem-solving: problem solving | problem-solving, analytical skills, analytical thinking,
    critical thinking, troubleshooting, decision making, decision-making |
time-management: time management | prioritisation, prioritization, multitasking, multi-tasking,
    organisational skills, organizational skills, planning and organising, meeting deadlines |
adaptability: adaptability | flexibility, quick learner, fast learner, willingness to learn,
    self-motivated, self motivated, resilience, creativity, attention to detail, work ethic |
teaching: teaching | teacher, tutoring, tutor, lecturing, lecturer, classroom management,
    lesson planning, curriculum development, curriculum design, pedagogy, e-learning,
    instructional design, mentoring students |
research: research | research and development, R&D, academic research, scientific research,
    literature review, research methodology, qualitative research, quantitative research |
""",
    "legal": """
law: law | legal, legal practice, legal services, legal work, legal assistance, lawyer, advocate,
    attorney, solicitor, barrister,
    LLB, LL.B, LL.M, legal advice |
legal-drafting: legal drafting | drafting, drafting contracts, contract drafting,
    drafting agreements, pleadings, drafting of pleadings, legal documentation, deeds, affidavits,
    petitions | law
legal-research: legal research | case law research, legal analysis, Westlaw, LexisNexis, Manupatra,
    SCC Online | law, research
litigation: litigation | civil litigation, court proceedings, trials, appearing in court,
    arbitration, dispute resolution, mediation, ADR | law
contract-law: contract law | contract management, commercial contracts | law
corporate-law: corporate law | company law, corporate governance, corporate legal, securities law,
    M&A transactions | law
criminal-law: criminal law | criminal litigation, criminal cases, bail | law, litigation
intellectual-property: intellectual property | IP law, patents, patent law, trademarks, copyright,
    patent drafting, prior art search | law
labour-law: labour law | labor law, employment law, industrial relations | law, human-resources
family-law: family law | divorce, matrimonial cases, child custody | law, litigation
property-law: property law | real estate law, conveyancing, land law | law
""",
    "other": """
languages-spoken: foreign languages | multilingual, bilingual, language skills |
english: English | English language, fluent English, IELTS, TOEFL | languages-spoken
german: German | German language | languages-spoken
french: French | French language | languages-spoken
spanish: Spanish | Spanish language | languages-spoken
hindi: Hindi | | languages-spoken
mandarin: Mandarin | Chinese, Mandarin Chinese | languages-spoken
arabic: Arabic | | languages-spoken
driving: driving licence | driving license, driver's licence |
sports: sports | athletics, football, cricket, basketball, tennis, swimming, martial arts, karate,
    sports coaching | fitness
construction: construction management | construction, site management, site supervision,
    building construction, project site execution, quantity surveying, BOQ | civil-engineering,
    project-management
electrical-installation: electrical installation | electrical maintenance, wiring,
    electrical wiring, switchgear, substations, HVAC, electrician | electrical-engineering
electrical-engineering: electrical engineering | electrical engineer, electrical design,
    electrical systems, MEP | hardware-engineering
maintenance: maintenance | preventive maintenance, predictive maintenance, breakdown maintenance,
    plant maintenance, equipment maintenance | manufacturing
safety: health and safety | HSE, EHS, occupational safety, safety management, OSHA,
    NEBOSH | compliance
""",
    "extra.tech": """
message-queues: message queues | message brokers, RabbitMQ, ActiveMQ, JMS, Amazon SQS, SQS, SNS,
    Pub/Sub, ZeroMQ, NATS | event-driven
rpa: robotic process automation | RPA, UiPath, Blue Prism, Automation Anywhere, Power Automate |
    test-automation, process-improvement
salesforce-dev: Salesforce development | Apex, Visualforce, Lightning Web Components, LWC,
    Salesforce administration | crm, software-engineering
servicenow: ServiceNow | ITSM, ITIL, IT service management, incident management,
    problem management | it-infrastructure
sharepoint: SharePoint | SharePoint Online, Power Apps, PowerApps | office-software,
    web-development
mainframe: mainframe | z/OS, JCL, CICS, IBM mainframe, REXX | software-engineering
game-development: game development | game programming, Unity3D, Unreal Engine, Godot,
    game design, ~Unity | software-engineering
computer-graphics: computer graphics | OpenGL, Vulkan, DirectX, shaders, WebGL |
    game-development
qt: Qt | Qt framework, QML, PyQt | software-engineering, cpp
embedded-linux: embedded Linux | Yocto, Buildroot, device drivers, Linux kernel,
    kernel development | embedded-software, linux
distributed-systems: distributed systems | distributed computing, consensus algorithms,
    Paxos, high availability | software-architecture
data-governance: data governance | master data management, MDM, data quality, data lineage,
    data catalog, data stewardship | data-engineering, compliance
data-privacy: data privacy | privacy engineering, anonymisation, pseudonymisation,
    differential privacy | compliance, cybersecurity
geospatial: geographic information systems | GIS, ArcGIS, QGIS, remote sensing,
    geospatial analysis | data-analysis
optimization: mathematical optimization | operations research, linear programming,
    integer programming, MILP, constraint programming, OR-Tools, Gurobi, CPLEX |
    scientific-computing
quantum-computing: quantum computing | Qiskit, quantum algorithms, Cirq | scientific-computing
ar-vr: AR/VR | augmented reality, virtual reality, mixed reality, ARKit, ARCore |
    software-engineering
linux-admin: Linux system administration | Linux administration, RHCE, RHCSA,
    Linux server administration | linux, it-infrastructure
storage: storage systems | SAN, NAS, backup and recovery, disaster recovery, NetApp |
    it-infrastructure
autosar: AUTOSAR | automotive software, CAN bus, ISO 26262, functional safety |
    embedded-software
model-based-design: model-based design | model based design | control-systems, matlab
""",
    "extra.business": """
real-estate: real estate | property management, real estate sales, brokerage | sales
journalism: journalism | news writing, reporter, editorial, broadcasting | content-writing
translation: translation | translator, interpreting, interpreter, localization, localisation |
    languages-spoken, content-writing
architecture-design: architectural design | architect, Revit, SketchUp, BIM,
    building information modelling, urban planning | design, civil-engineering
interior-design: interior design | interior designer, interior decoration, space planning |
    design
fashion-design: fashion design | fashion designer, apparel design, textile design,
    garment construction, pattern making | design
culinary: culinary arts | cooking, head chef, commis chef, pastry chef, pastry, bakery,
    food preparation,
    kitchen management, HACCP, food safety | hospitality
aviation: aviation | pilot, flight operations, air traffic control, aircraft maintenance,
    cabin crew | operations-management
logistics-ops: logistics operations | shipping, freight forwarding, import export, EXIM,
    customs clearance, fleet management | supply-chain
agriculture: agriculture | agronomy, farming, horticulture, crop management, soil science,
    agribusiness | life-sciences
environmental: environmental science | sustainability, ESG, environmental impact assessment,
    renewable energy, solar energy, wind energy, carbon accounting, climate change |
social-work: social work | social worker, community work, case management, NGO, non-profit,
    fundraising, community outreach |
customer-success: customer success | account retention, churn reduction, renewals |
    customer-service, sales
telesales: telesales | telecalling, telemarketing, outbound calls, inbound calls, BPO |
    sales, customer-service
project-governance: project governance | project reporting, RAID log, status reporting,
    resource planning, capacity planning | project-management
performance-metrics: performance metrics | KPI, KPIs, OKR, OKRs, key performance indicators,
    balanced scorecard | business-strategy
emotional-intelligence: emotional intelligence | empathy, conflict resolution,
    active listening | communication
""",
}
